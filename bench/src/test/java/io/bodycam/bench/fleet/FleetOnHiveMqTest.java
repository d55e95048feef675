package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;

/** The fleet contract on the embedded broker (HiveMQ CE), MQTT 3.1.1 and 5. */
class FleetOnHiveMqTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.HIVEMQ;
    }
}
