package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.camera.internal.Lifecycle;
import io.bodycam.sim.event.FirmwareDownloadStarted;
import io.bodycam.sim.event.RecordingRecovered;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.event.SegmentRejected;
import io.bodycam.sim.event.UploadVerified;
import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareSigner;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.video.GpsCue;
import io.bodycam.sim.video.Mp4Metadata;
import io.bodycam.sim.video.Mp4Probe;
import io.bodycam.sim.video.SegmentCard;
import io.bodycam.sim.video.SegmentWriter;
import io.bodycam.sim.video.VideoFormat;
import io.bodycam.sim.video.VideoWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A camera in mp4 mode on a manual clock: its segment files, their upload, power loss and the dock. */
class Mp4CameraTest {

    @TempDir
    Path cards;

    private CameraRig rig() {
        return rig(b -> b);
    }

    private CameraRig rig(UnaryOperator<CameraConfig.Builder> tweak) {
        VideoFormat format = TestClips.small();
        SegmentWriter writer = new SegmentWriter(TestClips.library(format), format);
        VideoWorkers workers = VideoWorkers.manual();
        return new CameraRig(b -> tweak.apply(b.segmentLength(Duration.ofSeconds(10)).preEvent(Duration.ofSeconds(5))),
                id -> new SegmentCard(cards.resolve(id), writer, workers), workers).booted();
    }

    @Test
    void each_segment_is_an_mp4_on_the_card_with_the_cameras_metadata_and_its_own_gps_fixes() throws Exception {
        CameraRig rig = rig();
        rig.advance(Duration.ofSeconds(20));
        long trigger = rig.clock.now();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(17));
        rig.camera.stopRecording();
        rig.finishFiles();

        List<SegmentManifest> stored = rig.snapshot().stored();
        assertEquals(3, stored.size(), "5 s pre-event + 17 s cut at 10 s: " + stored);
        GpsReceiver replay = replayGps(rig);
        for (SegmentManifest s : stored) {
            assertTrue(s.mp4());
            Path file = cards.resolve("IPD-0001").resolve(s.segmentId() + ".mp4");
            assertEquals(Files.size(file), s.bytes());
            assertEquals(SegmentWriter.sha256(file), s.sha256(), "the announced hash is the file's");
            Mp4Probe.Report r = Mp4Probe.probe(file, true);
            assertEquals(Optional.empty(), Mp4Probe.check(r, "IPD-0001"));
            assertEquals("IPD-0001", r.metadata().get(Mp4Metadata.DEVICE_ID));
            assertEquals("officer-IPD-0001", r.metadata().get(Mp4Metadata.OFFICER));
            assertEquals(s.segmentId(), r.metadata().get(Mp4Metadata.SEGMENT_ID));
            assertEquals(Math.round((s.end() - s.start()) * 30 / 1000.0), r.frames());
            List<GpsCue> expected = new ArrayList<>();
            for (long t = s.start(); t < s.end(); t += 1000) {
                GpsFix f = replay.fixAt(t);
                if (f.time() >= s.start() && f.time() < s.end() && (expected.isEmpty() || expected.get(expected.size() - 1).time() != f.time())) {
                    expected.add(GpsCue.of("IPD-0001", f));
                }
            }
            assertEquals(expected, r.track().stream().map(Mp4Probe.TimedCue::cue).toList(),
                    "the track is the camera's own fixes over the segment");
        }
        SegmentManifest first = stored.get(0);
        assertEquals(trigger - 5_000, first.start());
        assertEquals(5_000, first.preEventMillis());
        Mp4Probe.Report head = Mp4Probe.probe(cards.resolve("IPD-0001").resolve(first.segmentId() + ".mp4"), false);
        assertTrue(Math.abs(head.audioStartMillis() - 5_000) <= 22, "the pre-event part is video only: audio from " + head.audioStartMillis());
        assertNotEquals(stored.get(0).sha256(), stored.get(1).sha256());
        assertEquals(3, rig.events(SegmentClosed.class).size(), "each announced once");
        assertEquals(first.sha256(), rig.events(SegmentClosed.class).get(0).sha256());
    }

    @Test
    void uploaded_segments_are_verified_then_their_files_are_deleted() throws Exception {
        CameraRig rig = rig();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(25));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(2));

        assertTrue(rig.snapshot().stored().isEmpty(), "uploaded and purged: " + rig.snapshot().stored());
        assertEquals(3, rig.backend.hashes().size());
        rig.events(SegmentClosed.class).forEach(e ->
                assertEquals(e.sha256(), rig.backend.hashes().get(e.segmentId())));
        rig.finishFiles();
        try (var files = Files.list(cards.resolve("IPD-0001"))) {
            assertEquals(List.of(), files.toList(), "the card is empty once everything is verified");
        }
    }

    @Test
    void a_segment_closed_by_docking_is_uploaded_when_its_file_is_done_and_the_camera_is_not_drained_before() {
        CameraRig rig = rig();
        rig.camera.trigger(Trigger.BUTTON);
        rig.clock.advance(Duration.ofSeconds(4));
        rig.camera.dock();
        rig.clock.advance(Duration.ofSeconds(30));

        CameraSnapshot waiting = rig.snapshot();
        assertEquals(Mode.DOCKED, waiting.mode());
        assertEquals(1, waiting.writing(), "the last segment's file is still being written");
        assertEquals(1, waiting.uploadable(), "so the camera is not drained");
        assertTrue(rig.events(SegmentClosed.class).isEmpty(), "announced only when its file is complete");

        rig.advance(Duration.ofMinutes(1));
        assertEquals(0, rig.snapshot().uploadable());
        assertEquals(1, rig.backend.hashes().size(), "uploaded once its file was done");
        assertEquals(1, rig.events(SegmentClosed.class).size());
        assertEquals(1, rig.events(UploadVerified.class).size());
    }

    @Test
    void firmware_waits_until_the_segment_file_closed_by_docking_is_written_and_its_segment_verified() throws Exception {
        FirmwareSigner vendor = FirmwareSigner.generate();
        FirmwareImage image = FirmwareImage.of("4.13.0", 100_000);
        CameraRig rig = rig(b -> b.firmwareKey(vendor.publicKey()));
        rig.backend.host("/firmware/4.13.0", image);
        String offer = new ObjectMapper().writeValueAsString(vendor.offer(image, image.sha256(), "/firmware/4.13.0", 0, 0).params());
        rig.backend.config(new DeviceConfigResponse(3, Map.of(), offer));
        rig.camera.trigger(Trigger.BUTTON);
        rig.clock.advance(Duration.ofSeconds(4));
        rig.camera.dock();
        rig.clock.advance(Duration.ofSeconds(30));

        CameraSnapshot waiting = rig.snapshot();
        assertEquals(1, waiting.writing(), "the last segment's file is still being written");
        assertEquals(DockPhase.IDLE, waiting.dockPhase());
        assertEquals("4.13.0", waiting.firmwarePending());
        assertTrue(rig.events(FirmwareDownloadStarted.class).isEmpty(), "evidence first: " + rig.events);

        rig.advance(Duration.ofMinutes(5));
        long verified = rig.events(UploadVerified.class).get(0).time();
        assertTrue(rig.events(FirmwareDownloadStarted.class).get(0).time() >= verified, "the download began after the verification");
        assertEquals("4.13.0", rig.snapshot().firmware(), "then the update went in");
    }

    @Test
    void power_loss_leaves_a_truncated_file_that_recovery_detects_and_removes_keeping_the_complete_segments() throws Exception {
        CameraRig rig = rig();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(26));
        rig.camera.faults().powerLoss();
        rig.finishFiles();
        Path card = cards.resolve("IPD-0001");
        assertTrue(Files.exists(card.resolve("IPD-0001-R00001-S003.mp4.part")), "the open segment's file is cut short on the card");
        assertFalse(Mp4Probe.probe(card.resolve("IPD-0001-R00001-S003.mp4.part"), false).opened());

        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime());
        assertEquals(Mode.RECOVERING_INTERRUPTED, rig.snapshot().mode());
        rig.advance(Duration.ofMillis(Lifecycle.RECOVERY_MILLIS + 1000));

        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        RecordingRecovered recovered = rig.events(RecordingRecovered.class).get(0);
        assertEquals(2, recovered.cut().segmentsKept());
        assertEquals(1, recovered.card().truncatedFiles());
        assertEquals("IPD-0001-R00001-S003", recovered.card().truncatedSegment());
        assertTrue(recovered.card().probe().contains("truncated"), recovered.toString());
        assertFalse(Files.exists(card.resolve("IPD-0001-R00001-S003.mp4.part")), "removed by the recovery");
        assertEquals(2, rig.snapshot().stored().size());
        assertEquals(2, rig.events(SegmentClosed.class).size(), "the lost segment is never announced");
    }

    @Test
    void a_segment_closed_just_before_a_power_cut_is_still_written_and_announced_once() {
        CameraRig rig = rig();
        rig.camera.trigger(Trigger.BUTTON);
        rig.clock.advance(Duration.ofSeconds(16));
        rig.camera.faults().powerLoss();
        assertEquals(0, rig.events(SegmentClosed.class).size(), "the closed segment's file is not written yet");

        rig.finishFiles();
        rig.camera.powerOn();
        rig.advance(Duration.ofSeconds(20));

        assertEquals(1, rig.events(SegmentClosed.class).size());
        assertEquals(1, rig.snapshot().stored().size());
        assertEquals(1, rig.events(RecordingRecovered.class).get(0).cut().segmentsKept());
    }

    @Test
    void a_segment_the_backend_refuses_on_content_is_kept_and_not_uploaded_again() {
        CameraRig rig = rig();
        rig.backend.refuseContent();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(8));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(5));

        assertEquals(1, rig.events(SegmentRejected.class).size(), rig.events.toString());
        assertEquals(1, rig.backend.uploads(), "the same bytes are not sent again");
        CameraSnapshot s = rig.snapshot();
        assertEquals(1, s.stored().size(), "never deleted unverified");
        assertEquals(s.stored().get(0).segmentId(), s.held().iterator().next());
        assertEquals(DockPhase.IDLE, s.dockPhase());
        assertTrue(rig.events(SegmentPurged.class).isEmpty());
    }

    /** The camera's GPS receiver as its config makes it, replayed from the start. */
    private static GpsReceiver replayGps(CameraRig rig) {
        CameraConfig c = rig.camera.config();
        return new GpsReceiver(c.centreLat(), c.centreLon(), c.patrol(), c.gpsLossesPerHour(), c.seed() ^ 0x6E55L,
                CameraRig.START.toEpochMilli());
    }
}
