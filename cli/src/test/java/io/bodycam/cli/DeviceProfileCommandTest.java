package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.SwiftProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bodycam device --profile} as a user types it: one camera in hand speaking the axis-bwi profile
 * to Debian's Mosquitto and OpenStack Swift records, docks and proves its clips by reading them back; a
 * misspelt profile is bad input with the nearest name.
 */
class DeviceProfileCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int device(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "device";
        System.arraycopy(args, 0, all, 1, args.length);
        return BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void a_camera_in_hand_speaks_the_axis_profile_to_swift() throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(SwiftProcess.unavailable().isEmpty(), () -> "skipped: " + SwiftProcess.unavailable().orElse(""));
        // the steps docs/hands-on.md shows with this command
        Path script = Path.of("..", "docs", "steps", "record-dock-upload.steps");
        try (MosquittoProcess mosquitto = MosquittoProcess.start();
             SwiftProcess swift = SwiftProcess.start(Map.of("camera", "bodycam-test-secret"))) {
            int exit = device("--profile", "axis-bwi", "--mqtt", mosquitto.url(), "--upload", swift.endpoint().toString(),
                    "--paused", "--script", script.toString());

            assertEquals(0, exit, () -> out + "\n" + err);
            long clips = swift.containers().stream().mapToLong(c -> swift.objects(c).size()).sum();
            assertEquals(2, clips, "six minutes are two segments, each one clip in Swift: " + swift.containers());
        }
    }

    @Test
    void a_misspelt_profile_is_bad_input_with_the_nearest_name() {
        assertEquals(2, device("--profile", "axis-bw"));
        assertTrue(err.toString().contains("unknown device profile 'axis-bw', did you mean 'axis-bwi'?"), err::toString);
    }
}
