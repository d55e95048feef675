package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.testing.TusNodeServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's compose-smoke scenario with {@code --set backend.profile=tus-generic} against servers
 * nobody here wrote: Debian's Mosquitto and the reference JavaScript tus server. Every segment ends
 * proved by the cameras' read-back, none lost or doubled, and the tus server is sent (measured by a
 * relay in front of it) at most 1.05 times the bytes recorded: the old re-upload loop cannot come back.
 */
class ForeignTusSmokeTest {

    @Test
    void smoke_with_tus_generic_against_mosquitto_and_tus_node_server(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(TusNodeServer.unavailable().isEmpty(), () -> "skipped: " + TusNodeServer.unavailable().orElse(""));
        try (MosquittoProcess mosquitto = MosquittoProcess.start(); TusNodeServer tus = TusNodeServer.start();
             TcpTap tap = TcpTap.to(tus.endpoint().getPort())) {
            ForeignSmoke run = ForeignSmoke.run(dir, mosquitto.url(), "http://127.0.0.1:" + tap.port() + tus.endpoint().getRawPath(), "tus-generic", tap, "the tus server");
            run.assertProvedOnceWithoutAmplification();
            assertEquals(CameraProofView.METHOD + "; " + StoreReaders.TUS_UNREADABLE, run.evidence().path("method").asText(),
                    run.figures());
            assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.figures());
        }
    }
}
