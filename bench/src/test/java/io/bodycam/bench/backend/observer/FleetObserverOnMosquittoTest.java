package io.bodycam.bench.backend.observer;

import io.bodycam.sim.testing.MosquittoProcess;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/** The observer contract on Debian's Mosquitto, an independent broker implementation. */
class FleetObserverOnMosquittoTest extends FleetObserverContract {

    @Override
    BrokerUnderTest startBroker() throws IOException {
        Assumptions.assumeTrue(MosquittoProcess.findBinary().isPresent(),
                "mosquitto is not installed (apt-get install -y mosquitto)");
        MosquittoProcess mosquitto = MosquittoProcess.start();
        return new BrokerUnderTest() {
            @Override
            public String url() {
                return mosquitto.url();
            }

            @Override
            public boolean canRestart() {
                return false;
            }

            @Override
            public void restart() {
                throw new UnsupportedOperationException("MosquittoProcess cannot restart on the same port");
            }

            @Override
            public void close() {
                mosquitto.close();
            }
        };
    }
}
