package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.recording.SegmentManifest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShiftTest {

    /** Start offsets (minutes into the shift) and lengths (minutes) of the shift's recordings. */
    private static final int[][] INCIDENTS = {{35, 12}, {110, 4}, {190, 55}, {330, 9}, {480, 21}};

    @Test
    void a_ten_hour_shift_with_five_recordings_then_the_dock_uploads_verifies_and_purges_everything() {
        long wallStart = System.nanoTime();
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.0005)).booted();
        for (int[] incident : INCIDENTS) {
            rig.clock.advanceTo(CameraRig.START.toEpochMilli() + Duration.ofMinutes(incident[0]).toMillis());
            rig.camera.trigger(Trigger.BUTTON);
            rig.advance(Duration.ofMinutes(incident[1]));
            rig.camera.stopRecording();
        }
        rig.clock.advanceTo(CameraRig.START.toEpochMilli() + Duration.ofHours(10).toMillis());

        CameraSnapshot endOfShift = rig.snapshot();
        List<SegmentManifest> recorded = endOfShift.stored();
        // 12 min -> 3 segments, 4 -> 1, 55 -> 11 (+ pre-event spills into a 12th), 9 -> 2, 21 -> 5
        assertEquals(5, rig.events(RecordingStarted.class).size());
        assertEquals(recorded.size(), rig.events(SegmentClosed.class).size(), "every closed segment is stored");
        assertTrue(recorded.size() >= 22, "segments of 5 min: " + recorded.size());
        double recordedHours = (12 + 4 + 55 + 9 + 21) / 60.0;
        double expectedDrain = 7.5 * (10 - recordedHours) + 12.5 * recordedHours;
        assertEquals(100 - expectedDrain, endOfShift.batteryPercent(), 1.0, "battery after 10 h of mixed use");
        assertTrue(endOfShift.flags().isEmpty(), "no flag after a normal shift: " + endOfShift.flags());

        rig.camera.dock();
        rig.advance(Duration.ofHours(2));

        CameraSnapshot docked = rig.snapshot();
        assertEquals(Mode.DOCKED, docked.mode());
        assertEquals(DockPhase.IDLE, docked.dockPhase());
        assertTrue(docked.stored().isEmpty(), "everything purged: " + docked.stored());
        Set<String> purged = new HashSet<>();
        rig.events(SegmentPurged.class).forEach(e -> purged.add(e.segmentId()));
        Set<String> expected = new HashSet<>();
        recorded.forEach(s -> expected.add(s.segmentId()));
        assertEquals(expected, purged, "each recorded segment purged exactly once");
        recorded.forEach(s -> assertEquals(s.sha256(), rig.backend.hashes().get(s.segmentId()), "backend hash of " + s.segmentId()));
        assertTrue(docked.batteryPercent() > endOfShift.batteryPercent(), "charging in the dock");

        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        assertTrue(wallMillis < 5_000, "a 12-hour virtual day must take milliseconds, took " + wallMillis + " ms");
    }

    @Test
    void segments_of_one_recording_are_contiguous_and_the_recording_rolls_over_at_its_maximum_length() {
        CameraRig rig = new CameraRig(b -> b.maxRecording(Duration.ofMinutes(10)).payloadScale(0.001)).booted();
        rig.advance(Duration.ofMinutes(1));
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(25));
        rig.camera.stopRecording();

        List<SegmentManifest> s = rig.snapshot().stored();
        assertEquals(List.of("IPD-0001-R00001", "IPD-0001-R00002", "IPD-0001-R00003"),
                s.stream().map(SegmentManifest::recordingId).distinct().toList());
        for (int i = 1; i < s.size(); i++) {
            assertEquals(s.get(i - 1).end(), s.get(i).start(), "no gap between " + s.get(i - 1).segmentId() + " and " + s.get(i).segmentId());
            assertEquals(s.get(i - 1).streamOffset() + s.get(i - 1).bytes(), s.get(i).streamOffset(), "bytes continue");
        }
        assertEquals("rollover", rig.mqtt.events("recording.started").get(1).path("trigger").asText());
        assertEquals("max length", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
    }

    @Test
    void the_battery_runs_out_and_the_camera_dies_with_its_recording_closed() {
        CameraRig rig = new CameraRig(b -> b.battery(io.bodycam.sim.power.BatteryModel.DEFAULT, 15)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofHours(2));

        CameraSnapshot s = rig.snapshot();
        assertEquals(Mode.OFF, s.mode(), "15 % at 12.5 %/h lasts 72 min");
        assertEquals(1, rig.mqtt.events("battery.low").size());
        assertEquals(1, rig.mqtt.events("battery.critical").size());
        assertEquals("battery", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        assertEquals(1, rig.mqtt.abruptStops(), "the radio just dies: the broker publishes the Will");
        assertTrue(s.stored().size() > 0, "what was recorded is kept");
    }
}
