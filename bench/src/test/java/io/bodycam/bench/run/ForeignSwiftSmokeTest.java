package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.store.SwiftStoreReader;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.SwiftProcess;
import io.bodycam.sim.testing.TcpTap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's compose-smoke scenario with {@code --set backend.profile=axis-bwi} against servers nobody
 * here wrote: Debian's Mosquitto and Debian's OpenStack Swift (TempAuth). Every segment ends proved, by
 * the cameras' read-back of its clip and by the bench reading the whole account back itself, none lost,
 * doubled or unexpected, one object per segment in the recordings' containers, and Swift is sent at most
 * 1.05 times the bytes recorded.
 */
class ForeignSwiftSmokeTest {

    @Test
    void smoke_with_the_axis_bwi_profile_against_mosquitto_and_openstack_swift(@TempDir java.nio.file.Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(SwiftProcess.unavailable().isEmpty(), () -> "skipped: " + SwiftProcess.unavailable().orElse(""));
        // the shipped profiles/axis-bwi.yaml logs in as bodycam:camera with key bodycam-test-secret
        try (MosquittoProcess mosquitto = MosquittoProcess.start();
             SwiftProcess swift = SwiftProcess.start(Map.of("camera", "bodycam-test-secret"));
             TcpTap tap = TcpTap.to(swift.port())) {
            ForeignSmoke run = ForeignSmoke.run(dir, mosquitto.url(), "http://127.0.0.1:" + tap.port(), "axis-bwi", tap,
                    "Swift");
            run.assertProvedOnceWithoutAmplification();
            run.assertProvedByTheStoreReadBack(SwiftStoreReader.METHOD);
            assertEquals(0, run.evidence().path("unexpected").asInt(-1), run.figures());
            assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.figures());
            long stored = swift.containers().stream().mapToLong(c -> swift.objects(c).size()).sum();
            assertEquals(run.evidence().path("segmentsRecorded").asLong(), stored, run.figures());
        }
    }
}
