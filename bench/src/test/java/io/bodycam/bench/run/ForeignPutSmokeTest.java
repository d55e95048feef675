package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.store.PutStoreReader;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.NginxProcess;
import io.bodycam.sim.testing.TcpTap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's compose-smoke scenario with {@code --set backend.profile=put} against servers nobody here
 * wrote: Debian's Mosquitto and Debian's nginx taking WebDAV PUTs. Every segment ends proved by the
 * bench's own GET of its URL, agreeing with the cameras' read-back, none lost or doubled, one file per
 * segment in nginx's folder, and nginx is sent at most 1.05 times the bytes recorded.
 */
class ForeignPutSmokeTest {

    @Test
    void smoke_with_the_put_profile_against_mosquitto_and_nginx(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(NginxProcess.unavailable().isEmpty(), () -> "skipped: " + NginxProcess.unavailable().orElse(""));
        // the shipped profiles/put.yaml sends Authorization: Bearer bodycam-test
        try (MosquittoProcess mosquitto = MosquittoProcess.start(); NginxProcess nginx = NginxProcess.start("bodycam-test");
             TcpTap tap = TcpTap.to(nginx.port())) {
            ForeignSmoke run = ForeignSmoke.run(dir, mosquitto.url(), "http://127.0.0.1:" + tap.port(), "put", tap, "nginx");
            run.assertProvedOnceWithoutAmplification();
            run.assertProvedByTheStoreReadBack(PutStoreReader.METHOD);
            assertTrue(run.evidence().path("unexpectedMethod").asText().startsWith("not measured"), run.figures());
            assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.figures());
            assertEquals(run.evidence().path("segmentsRecorded").asLong(), files(nginx.file("/evidence")), run.figures());
        }
    }

    private static long files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
