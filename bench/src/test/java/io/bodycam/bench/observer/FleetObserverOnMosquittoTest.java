package io.bodycam.bench.observer;

import io.bodycam.bench.testing.BrokerMatrix;

/** The observer contract on Debian's Mosquitto, an independent broker implementation. */
class FleetObserverOnMosquittoTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.MOSQUITTO;
    }
}
