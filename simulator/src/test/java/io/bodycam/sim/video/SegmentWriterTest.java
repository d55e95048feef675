package io.bodycam.sim.video;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.testing.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentWriterTest {

    private static final long START = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void a_remuxed_segment_decodes_as_h264_with_its_frames_duration_metadata_and_gps_track() throws Exception {
        SegmentWriter writer = new SegmentWriter(TestClips.library(TestClips.small()));
        SegmentSpec spec = spec("CAM-0001", "CAM-0001-R00001-S001", 0, 10_500, 3_000, 42);
        WrittenSegment w = writer.write(spec, dir.resolve("a.mp4"));

        Mp4Probe.Report r = Mp4Probe.probe(w.file(), true);
        assertTrue(r.opened(), () -> r.openError());
        assertTrue(r.h264(), "codec read back: " + r.videoCodec());
        assertEquals("h264", r.videoCodec());
        assertTrue(r.container().contains("mp4"), r.container());
        assertEquals(315, r.frames(), "10.5 s at 30 fps");
        assertEquals(315, w.frames());
        assertTrue(Math.abs(r.videoMillis() - 10_500) <= 34, "video lasts " + r.videoMillis() + " ms");
        assertEquals(640, r.width());
        assertEquals("CAM-0001", r.metadata().get(Mp4Metadata.DEVICE_ID));
        assertEquals("officer-7", r.metadata().get(Mp4Metadata.OFFICER));
        assertEquals("CAM-0001-R00001-S001", r.metadata().get(Mp4Metadata.SEGMENT_ID));
        assertEquals("3.000", r.metadata().get(Mp4Metadata.PRE_EVENT_SECONDS));
        assertEquals(java.time.Instant.ofEpochMilli(START).toString(), r.metadata().get(Mp4Metadata.START));
        assertEquals(java.time.Instant.ofEpochMilli(START + 10_500).toString(), r.metadata().get(Mp4Metadata.END));
        assertTrue(Math.abs(r.audioStartMillis() - 3_000) <= 22, "pre-event part is video only; audio starts at " + r.audioStartMillis());
        List<GpsCue> written = spec.cues();
        assertEquals(11, written.size(), "one fix a second over 10.5 s");
        assertEquals(written, r.track().stream().map(Mp4Probe.TimedCue::cue).toList());
        for (Mp4Probe.TimedCue c : r.track()) {
            assertEquals(c.cue().time() - START, c.startMillis(), "cue shown at its fix's time");
        }
        for (int i = 0; i < written.size(); i++) {
            GpsFix f = spec.track().get(i);
            assertEquals(f.lat(), r.track().get(i).cue().lat(), 1e-6);
            assertEquals(f.lon(), r.track().get(i).cue().lon(), 1e-6);
        }
        assertEquals(Optional.empty(), Mp4Probe.check(r, "CAM-0001"));
        assertEquals(SegmentWriter.sha256(w.file()), w.sha256());
        assertEquals(Files.size(w.file()), w.bytes());
    }

    @Test
    void two_segments_of_one_camera_differ_and_hash_differently() throws Exception {
        SegmentWriter writer = new SegmentWriter(TestClips.library(TestClips.small()));
        WrittenSegment one = writer.write(spec("CAM-0001", "CAM-0001-R00001-S001", 0, 5_000, 0, 7), dir.resolve("1.mp4"));
        WrittenSegment two = writer.write(spec("CAM-0001", "CAM-0001-R00001-S002", 5_000, 10_000, 0, 7), dir.resolve("2.mp4"));
        assertNotEquals(one.sha256(), two.sha256());
        WrittenSegment again = writer.write(spec("CAM-0001", "CAM-0001-R00001-S001", 0, 5_000, 0, 7), dir.resolve("1b.mp4"));
        assertEquals(one.sha256(), again.sha256(), "the same segment is written byte for byte the same");
    }

    @Test
    void audio_in_the_buffer_starts_the_audio_with_the_picture() throws Exception {
        VideoFormat withAudio = VideoFormat.builder().resolution(Resolution.P360).audioInBuffer(true).build();
        WrittenSegment w = new SegmentWriter(TestClips.library(withAudio), withAudio)
                .write(spec("CAM-0002", "CAM-0002-R00001-S001", 0, 4_000, 2_000, 3), dir.resolve("a.mp4"));
        Mp4Probe.Report r = Mp4Probe.probe(w.file(), false);
        assertTrue(r.audioStartMillis() >= 0 && r.audioStartMillis() <= 22, "audio starts at " + r.audioStartMillis());
    }

    @Test
    void a_truncated_segment_is_told_apart_from_a_complete_one() throws Exception {
        SegmentWriter writer = new SegmentWriter(TestClips.library(TestClips.small()));
        Path cut = dir.resolve("cut.mp4");
        writer.writeTruncated(spec("CAM-0001", "CAM-0001-R00002-S001", 0, 6_000, 0, 1), cut);
        assertTrue(Files.size(cut) > 10_000, "the media data is there: " + Files.size(cut) + " bytes");
        Mp4Probe.Report r = Mp4Probe.probe(cut, false);
        assertFalse(r.opened());
        assertTrue(Mp4Probe.check(r, "CAM-0001").orElseThrow().contains("truncated"), r.openError());
    }

    @Test
    void the_check_refuses_another_devices_file_and_a_duration_that_disagrees() throws Exception {
        SegmentWriter writer = new SegmentWriter(TestClips.library(TestClips.small()));
        WrittenSegment w = writer.write(spec("CAM-0001", "CAM-0001-R00001-S001", 0, 2_000, 0, 5), dir.resolve("a.mp4"));
        Mp4Probe.Report r = Mp4Probe.probe(w.file(), false);
        assertTrue(Mp4Probe.check(r, "CAM-0009").orElseThrow().contains("CAM-0009 uploaded it"));
        var lying = new Mp4Probe.Report(r.file(), r.bytes(), null, r.container(), r.videoCodec(), r.videoCodecId(), r.width(),
                r.height(), r.frames(), r.videoMillis() + 100, r.audioStartMillis(), r.metadata(), r.track());
        assertTrue(Mp4Probe.check(lying, "CAM-0001").orElseThrow().contains("more than a frame apart"));
    }

    static SegmentSpec spec(String device, String segmentId, long from, long to, long preEvent, long variant) {
        GpsReceiver gps = new GpsReceiver(39.09, -94.41, PatrolStyle.VEHICLE, 0, 99, START - 60_000);
        List<GpsFix> fixes = new ArrayList<>();
        for (long t = START - 60_000; t <= START + to; t += 1000) {
            GpsFix f = gps.fixAt(t);
            if (f.time() >= START + from && f.time() < START + to) {
                fixes.add(f);
            }
        }
        return new SegmentSpec(device, "officer-7", "ipd", segmentId.substring(0, segmentId.lastIndexOf('-')), segmentId,
                0, START + from, START + to, preEvent, "button", "uncategorized", fixes, variant);
    }
}
