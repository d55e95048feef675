package io.bodycam.sim.camera;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.event.FaultDuplicateUpload;
import io.bodycam.sim.event.FaultSegmentDamaged;
import io.bodycam.sim.recording.SegmentManifest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A segment damaged on the card after hashing, and a duplicate upload of a verified segment. */
class EvidenceFaultTest {

    private static CameraRig rig() {
        return new CameraRig(b -> b.payloadScale(0.001).uploadRetryDelay(Duration.ofMinutes(1))).booted();
    }

    private static void record(CameraRig rig, Duration length) {
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(length);
        rig.camera.stopRecording();
    }

    @Test
    void a_segment_damaged_after_hashing_is_caught_by_the_backend_checked_by_the_camera_and_held_not_retried() {
        CameraRig rig = rig();
        rig.camera.faults().corruptNextSegment();
        record(rig, Duration.ofMinutes(3));
        SegmentManifest damaged = rig.snapshot().stored().get(0);
        assertEquals(damaged.segmentId(), rig.events(FaultSegmentDamaged.class).get(0).segmentId());

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(30));

        assertNotEquals(damaged.sha256(), rig.backend.hashes().get(damaged.segmentId()), "the backend got the bad bytes");
        JsonNode event = rig.mqtt.events("segment.damaged").get(0);
        assertEquals(damaged.segmentId(), event.path("segmentId").asText());
        assertEquals(damaged.sha256(), event.path("sha256").asText());
        assertEquals(rig.backend.hashes().get(damaged.segmentId()), event.path("readSha256").asText());
        assertEquals(1, rig.backend.uploads(), "bad bytes are not uploaded again");
        assertEquals(List.of(damaged), rig.snapshot().stored(), "kept on the card, never deleted");
        assertEquals(java.util.Set.of(damaged.segmentId()), rig.snapshot().held());
        assertEquals(0, rig.snapshot().uploadable(), "nothing left to upload");
        assertTrue(rig.mqtt.events("segment.purged").isEmpty());
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
    }

    @Test
    void only_the_next_segment_is_damaged_the_ones_after_upload_normally() {
        CameraRig rig = rig();
        rig.camera.faults().corruptNextSegment();
        record(rig, Duration.ofMinutes(7));
        List<SegmentManifest> stored = rig.snapshot().stored();
        assertEquals(2, stored.size());

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(30));
        assertEquals(List.of(stored.get(0)), rig.snapshot().stored(), "only the damaged first segment stays");
        assertEquals(stored.get(1).sha256(), rig.backend.hashes().get(stored.get(1).segmentId()));
    }

    @Test
    void a_duplicate_upload_sends_a_verified_segment_once_more_and_the_camera_purges_it_once() {
        CameraRig rig = rig();
        record(rig, Duration.ofMinutes(3));
        String id = rig.snapshot().stored().get(0).segmentId();
        rig.camera.faults().duplicateNextUpload();

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));

        assertEquals(2, rig.backend.uploads(), "uploaded twice");
        assertEquals(id, rig.events(FaultDuplicateUpload.class).get(0).segmentId());
        assertEquals(2, rig.mqtt.events("upload.completed").size());
        assertEquals(1, rig.mqtt.events("upload.verified").size(), "verified once, after the second upload");
        assertEquals(1, rig.mqtt.events("segment.purged").size());
        assertTrue(rig.snapshot().stored().isEmpty());
    }

    @Test
    void a_reboot_mid_upload_stops_the_upload_and_the_next_dock_sends_the_segment_once_more() {
        CameraRig rig = rig();
        record(rig, Duration.ofMinutes(3));
        SegmentManifest segment = rig.snapshot().stored().get(0);
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(10));
        assertEquals(1, rig.backend.uploadsInFlight(), "the upload runs");

        rig.camera.reboot("fault");

        assertEquals(0, rig.backend.uploadsInFlight(), "the reboot took the network and the upload with it");
        assertTrue(rig.backend.interrupts() >= 1);
        rig.advance(Duration.ofMinutes(10));
        assertEquals(2, rig.backend.uploads(), "sent again after the boot, in the same dock");
        assertEquals(segment.sha256(), rig.backend.hashes().get(segment.segmentId()));
        assertEquals(1, rig.backend.copies(segment.segmentId()), "the interrupted upload left nothing behind");
        assertTrue(rig.mqtt.events("upload.failed").isEmpty(), () -> rig.mqtt.events("upload.failed").toString());
        assertEquals(1, rig.mqtt.events("segment.purged").size());
    }

    @Test
    void undocking_mid_upload_stops_it_and_the_next_dock_finishes_the_segment() {
        CameraRig rig = rig();
        record(rig, Duration.ofMinutes(3));
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(10));

        rig.camera.undock();
        rig.advance(Duration.ofMinutes(10));

        assertEquals(0, rig.backend.uploadsInFlight());
        assertTrue(rig.backend.hashes().isEmpty(), "nothing arrived while the camera was out of its dock");
        assertEquals(1, rig.snapshot().stored().size(), "the segment is still on the camera");
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));
        assertTrue(rig.snapshot().stored().isEmpty());
        assertEquals(1, rig.mqtt.events("upload.verified").size());
    }
}
