package io.bodycam.bench.backend.observer;

import io.bodycam.bench.backend.broker.BrokerMatrix;

/** The observer contract on Debian's Mosquitto, an independent broker implementation. */
class FleetObserverOnMosquittoTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.MOSQUITTO;
    }
}
