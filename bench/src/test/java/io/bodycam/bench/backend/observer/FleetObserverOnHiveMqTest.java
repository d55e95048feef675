package io.bodycam.bench.backend.observer;

import io.bodycam.bench.backend.broker.BrokerMatrix;

/** The observer contract on the embedded HiveMQ CE broker (the reference backend's own). */
class FleetObserverOnHiveMqTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.HIVEMQ;
    }
}
