package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The fleet contract on the hivemq/hivemq-ce image, MQTT 3.1.1 and 5; needs a Docker engine ({@code mvn -Pdocker verify}). */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class FleetOnHiveMqImageTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.HIVEMQ_IMAGE;
    }
}
