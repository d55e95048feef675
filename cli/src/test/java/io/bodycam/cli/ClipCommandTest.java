package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.video.Mp4Metadata;
import io.bodycam.sim.video.Mp4Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bodycam clip}: a sample segment that probes as the backend wants it, and its bad input. */
class ClipCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bodycam(String... args) {
        return BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writes_a_sample_segment_with_its_device_times_and_gps_track(@TempDir Path dir) {
        Path sample = dir.resolve("sample.mp4");

        int code = bodycam("clip", "--out", sample.toString(), "--duration", "3s", "--pre-event", "1s", "--resolution", "360p",
                "--device", "DEMO-7", "--clip-cache", TestClips.cache().toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("h264, 640x360, 90 frames, 3.000 s, audio from 1.000 s, 3 GPS cues"), out.toString());
        assertTrue(out.toString().contains("check on arrival: passes"), out.toString());
        Mp4Probe.Report r = Mp4Probe.probe(sample, true);
        assertEquals(Optional.empty(), Mp4Probe.check(r, "DEMO-7"));
        assertEquals("DEMO-7", r.metadata().get(Mp4Metadata.DEVICE_ID));
        assertEquals(3, r.track().size());
    }

    @Test
    void the_overlay_burns_the_camera_into_the_picture_and_still_probes_right(@TempDir Path dir) {
        Path sample = dir.resolve("overlay.mp4");

        assertEquals(0, bodycam("clip", "--out", sample.toString(), "--duration", "1s", "--overlay", "--resolution", "360p",
                "--clip-cache", TestClips.cache().toString()), err.toString());

        assertEquals(Optional.empty(), Mp4Probe.check(Mp4Probe.probe(sample, false), "SAMPLE-0001"));
    }

    @Test
    void bad_input_is_exit_2_with_the_reason() {
        assertEquals(2, bodycam("clip", "--out", "x.mp4", "--resolution", "1080p"));
        assertTrue(err.toString().contains("resolution must be 720p or 360p, was '1080p'"), err.toString());
        assertEquals(2, bodycam("clip", "--duration", "10s"));
        assertTrue(err.toString().contains("say where to write the sample with --out FILE"), err.toString());
        assertEquals(2, bodycam("clip", "--out", "x.mp4", "--duration", "2s", "--pre-event", "5s"));
        assertTrue(err.toString().contains("--pre-event must be 0..2s, was 5s"), err.toString());
    }
}
