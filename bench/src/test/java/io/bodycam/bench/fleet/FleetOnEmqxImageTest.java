package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The fleet contract on the emqx/emqx image (EMQX 5, not packaged for Debian), MQTT 3.1.1 and 5; needs a Docker engine ({@code mvn -Pdocker verify}). */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class FleetOnEmqxImageTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.EMQX_IMAGE;
    }
}
