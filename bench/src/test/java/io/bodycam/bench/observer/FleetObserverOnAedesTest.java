package io.bodycam.bench.observer;

import io.bodycam.bench.testing.BrokerMatrix;

/** The observer contract on aedes, a broker written for Node.js. */
class FleetObserverOnAedesTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.AEDES;
    }
}
