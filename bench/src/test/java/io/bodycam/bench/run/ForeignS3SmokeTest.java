package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.store.S3StoreReader;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.testing.S3ProxyProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's compose-smoke scenario with {@code --set backend.profile=s3} against servers nobody here
 * wrote: Debian's Mosquitto and S3Proxy (bucket {@code evidence}). Every segment ends proved by the
 * bench's own read-back of the bucket (listing and every object hashed), agreeing with the cameras' read-back
 * of each object: none lost, doubled or unexpected, one stored object per segment, and S3Proxy is sent
 * (measured by a relay in front of it) at most 1.05 times the bytes recorded.
 */
class ForeignS3SmokeTest {

    @Test
    void smoke_with_s3_against_mosquitto_and_s3proxy(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        // the simulator's build copies S3Proxy into its own target folder
        if (System.getProperty("bodycam.s3proxy.jar") == null) {
            System.setProperty("bodycam.s3proxy.jar", Path.of("..", "simulator", "target", "s3proxy", "s3proxy.jar").toString());
        }
        assumeTrue(S3ProxyProcess.unavailable().isEmpty(), () -> "skipped: " + S3ProxyProcess.unavailable().orElse(""));
        try (MosquittoProcess mosquitto = MosquittoProcess.start(); S3ProxyProcess s3 = S3ProxyProcess.start("evidence");
             TcpTap tap = TcpTap.to(s3.endpoint().getPort())) {
            ForeignSmoke run = ForeignSmoke.run(dir, mosquitto.url(), "http://127.0.0.1:" + tap.port(), "s3", tap, "S3Proxy");
            run.assertProvedOnceWithoutAmplification();
            run.assertProvedByTheStoreReadBack(S3StoreReader.METHOD);
            assertEquals(0, run.evidence().path("unexpected").asInt(-1), run.figures());
            assertEquals(S3StoreReader.METHOD, run.evidence().path("unexpectedMethod").asText(), "the bucket was listed");
            assertEquals(run.evidence().path("segmentsRecorded").asInt(), s3.objects("evidence").size(), run.figures());
            assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.figures());
        }
    }
}
