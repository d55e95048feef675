package io.bodycam.bench.backend.observer;

import io.bodycam.bench.backend.broker.BrokerMatrix;

/** The observer contract on aedes, a broker written for Node.js. */
class FleetObserverOnAedesTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.AEDES;
    }
}
