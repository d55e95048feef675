package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The fleet contract on the eclipse-mosquitto image, MQTT 3.1.1 and 5; needs a Docker engine ({@code mvn -Pdocker verify}). */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class FleetOnMosquittoImageTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.MOSQUITTO_IMAGE;
    }
}
