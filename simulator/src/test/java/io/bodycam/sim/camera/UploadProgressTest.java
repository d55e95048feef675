package io.bodycam.sim.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadProgress;
import io.bodycam.sim.event.UploadResumed;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.upload.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code upload.progress} on the manual clock: the camera tells the bench each piece of a segment the
 * backend took, in the dock and over LTE, so a script can cut an upload once the backend holds part of it.
 */
class UploadProgressTest {

    private static final int PIECE = 256 * 1024;

    /** A camera that recorded {@code length} with the backend taking uploads in {@link #PIECE}s. */
    private static CameraRig recorded(Duration length) {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.01)).booted();
        rig.backend.commitEvery(PIECE);
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(length);
        rig.camera.stopRecording();
        return rig;
    }

    /** The committed bytes the camera told for {@code segmentId}, in order. */
    private static List<Long> committed(CameraRig rig, String segmentId) {
        return rig.events(UploadProgress.class).stream().filter(p -> p.segmentId().equals(segmentId))
                .map(UploadProgress::committedBytes).toList();
    }

    /** Every piece boundary above {@code from} below {@code bytes}, then {@code bytes}. */
    private static List<Long> pieces(long from, long bytes) {
        List<Long> out = new ArrayList<>();
        for (long p = from + PIECE; p < bytes; p += PIECE) {
            out.add(p);
        }
        out.add(bytes);
        return out;
    }

    @Test
    void the_dock_tells_each_piece_the_backend_took_before_the_upload_completes() {
        CameraRig rig = recorded(Duration.ofMinutes(3));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(5));

        UploadCompleted done = rig.events(UploadCompleted.class).get(0);
        List<UploadProgress> told = rig.events(UploadProgress.class);
        assertTrue(done.bytes() > 3L * PIECE, "a segment of several pieces: " + done);
        assertEquals(pieces(0, done.bytes()), committed(rig, done.segmentId()));
        assertTrue(told.stream().allMatch(p -> p.bytes() == done.bytes() && p.deviceId().equals("IPD-0001")), told.toString());
        assertTrue(rig.events.indexOf(told.get(told.size() - 1)) < rig.events.indexOf(done),
                "the last piece is told before upload.completed: " + rig.events);
        assertFalse(told.get(0).published(), "a bench note: never on MQTT");
        assertTrue(rig.mqtt.events("upload.progress").isEmpty());
    }

    @Test
    void a_network_pulled_once_a_piece_landed_resumes_the_upload_from_the_pieces_the_backend_holds() {
        CameraRig rig = recorded(Duration.ofMinutes(3));
        rig.camera.dock();
        for (int s = 0; s < 120 && rig.events(UploadProgress.class).isEmpty(); s++) {
            rig.advance(Duration.ofSeconds(1));
        }
        long held = rig.events(UploadProgress.class).get(0).committedBytes();
        rig.camera.faults().pullNetwork(Duration.ofMinutes(1));
        rig.advance(Duration.ofMinutes(10));

        UploadResumed resumed = rig.events(UploadResumed.class).get(0);
        assertEquals(PIECE, held, "pulled right after the first piece landed");
        assertEquals(resumed.bytes() - held, resumed.sentBytes(), "only the rest went again: " + resumed);
        assertEquals(List.of((long) PIECE), committed(rig, resumed.segmentId()).subList(0, 1));
        assertEquals(pieces(held, resumed.bytes()), committed(rig, resumed.segmentId()).subList(1,
                committed(rig, resumed.segmentId()).size()), "after the pull, the pieces from where it stopped");
        List<String> order = rig.events.stream().map(CameraEvent::type)
                .filter(t -> List.of("fault.networkPulled", "upload.resumed", "upload.verified").contains(t)).toList();
        assertEquals(List.of("fault.networkPulled", "upload.resumed", "upload.verified"), order);
    }

    @Test
    void a_piece_told_after_the_camera_left_the_dock_is_not_told_to_the_bench() {
        CameraRig rig = recorded(Duration.ofMinutes(3));
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(2));
        assertEquals(1, rig.backend.uploadsInFlight(), "uploading");
        ProgressListener late = rig.backend.lastProgress();

        rig.camera.undock();
        late.committed(PIECE, 4L * PIECE);
        rig.advance(Duration.ofSeconds(1));

        assertEquals(List.of(), rig.events(UploadProgress.class));
    }

    @Test
    void a_priority_upload_over_lte_tells_its_pieces_too() {
        CameraRig rig = recorded(Duration.ofMinutes(3));
        String recording = rig.events(RecordingStarted.class).get(0).recordingId();
        rig.advance(Duration.ofMinutes(1));

        rig.camera.priorityUpload();
        assertEquals(Mode.PRIORITY_UPLOAD, rig.snapshot().mode());
        rig.advance(Duration.ofMinutes(30));

        UploadCompleted done = rig.events(UploadCompleted.class).get(0);
        assertTrue(done.segmentId().startsWith(recording) && done.overLte(), done.toString());
        assertEquals(pieces(0, done.bytes()), committed(rig, done.segmentId()));
    }
}
