package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.event.SegmentUnprovable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifyBeforeDeleteTest {

    private static CameraRig rigWithOneRecording() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001).uploadRetryDelay(Duration.ofMinutes(1))).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(3));
        rig.camera.stopRecording();
        return rig;
    }

    @Test
    void an_uploaded_segment_stays_on_the_camera_until_the_backend_confirms_its_hash() {
        CameraRig rig = rigWithOneRecording();
        rig.backend.pauseVerification();
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(30));

        assertEquals(1, rig.backend.uploads(), "uploaded");
        assertEquals(DockPhase.VERIFYING, rig.snapshot().dockPhase());
        assertEquals(1, rig.snapshot().stored().size(), "not deleted before verification");

        rig.backend.resumeVerification();
        rig.advance(Duration.ofSeconds(1));
        assertTrue(rig.snapshot().stored().isEmpty(), "deleted after verification");
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
    }

    @Test
    void a_segment_nothing_can_prove_is_kept_and_never_asked_about_or_sent_again_and_the_dock_goes_idle() {
        CameraRig rig = rigWithOneRecording();
        rig.backend.unprovable();
        rig.camera.dock();
        rig.advance(Duration.ofHours(2));

        assertEquals(1, rig.backend.uploads(), "sent once");
        assertEquals(1, rig.snapshot().stored().size(), "kept: nothing proves the store's copy");
        assertEquals(1, rig.events(SegmentUnprovable.class).size(), rig.events.toString());
        assertEquals(0, rig.mqtt.events("upload.failed").size(), "not a failure to retry");
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
        assertTrue(rig.backend.idleDisconnects() > 0, "the dock gave its connections back");
    }

    @Test
    void a_failed_upload_keeps_the_segment_and_is_retried_later() {
        CameraRig rig = rigWithOneRecording();
        rig.backend.failNextUploads(2);
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(1));
        assertEquals(1, rig.snapshot().stored().size());
        assertEquals(1, rig.mqtt.events("upload.failed").size());

        rig.advance(Duration.ofMinutes(10));
        assertEquals(3, rig.backend.uploads(), "two failures then success");
        assertTrue(rig.snapshot().stored().isEmpty());
        assertEquals(1, rig.backend.copies(rig.events(SegmentPurged.class).get(0).segmentId()));
    }

    @Test
    void a_segment_the_backend_received_corrupted_is_uploaded_again_from_scratch_and_only_then_purged() {
        CameraRig rig = rigWithOneRecording();
        rig.backend.corruptNextUpload();
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(30));
        assertEquals(1, rig.snapshot().stored().size(), "kept: the backend's copy is corrupt");
        assertTrue(rig.mqtt.events("upload.failed").get(0).path("error").asText().contains("corrupt"), rig.mqtt.events("upload.failed").toString());

        rig.advance(Duration.ofMinutes(5));
        assertTrue(rig.snapshot().stored().isEmpty());
        assertEquals(2, rig.backend.uploads());
    }

    @Test
    void undocking_mid_upload_keeps_the_segment_for_the_next_dock() {
        CameraRig rig = rigWithOneRecording();
        rig.backend.pauseVerification();
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(10));
        rig.camera.undock();
        rig.backend.resumeVerification();
        rig.advance(Duration.ofMinutes(5));
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(1, rig.snapshot().stored().size(), "an answer that arrives after undocking changes nothing");

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(5));
        assertTrue(rig.snapshot().stored().isEmpty());
    }
}
