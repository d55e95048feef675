package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.testing.MosquittoProcess;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fleet contract on Debian's Mosquitto, started on a free loopback port; skipped when not installed. */
class FleetOnMosquittoTest extends FleetContract {

    static MosquittoProcess mosquitto;

    @BeforeAll
    static void startMosquitto() throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "mosquitto is not installed (apt-get install mosquitto)");
        mosquitto = MosquittoProcess.start();
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Override
    URI broker() {
        return URI.create(mosquitto.url());
    }
}
