package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;

/** The fleet contract on Debian's Mosquitto 2.0, MQTT 3.1.1 and 5; skipped when not installed. */
class FleetOnMosquittoTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.MOSQUITTO;
    }
}
