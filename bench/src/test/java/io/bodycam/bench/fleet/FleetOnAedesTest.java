package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;

/** The fleet contract on aedes, a Node.js broker, MQTT 3.1.1; skipped when node or npm is missing. */
class FleetOnAedesTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.AEDES;
    }
}
