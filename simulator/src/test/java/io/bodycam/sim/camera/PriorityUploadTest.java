package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.event.PriorityUploadRefused;
import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.recording.SegmentManifest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** AB3 "Priority Upload" [S11] on the manual clock: the latest recording over LTE, verified, deleted, cancellable. */
class PriorityUploadTest {

    /** Two recordings: 6 min (two segments), then 12 min (three segments: 5, 5, 2.5 min with the pre-event). */
    private static CameraRig rigWithTwoRecordings() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        record(rig, Duration.ofMinutes(6));
        rig.advance(Duration.ofMinutes(5));
        record(rig, Duration.ofMinutes(12));
        rig.advance(Duration.ofMinutes(2));
        return rig;
    }

    private static void record(CameraRig rig, Duration length) {
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(length);
        rig.camera.stopRecording();
    }

    private static Set<String> recordingsOnCamera(CameraRig rig) {
        return rig.snapshot().stored().stream().map(SegmentManifest::recordingId).collect(Collectors.toSet());
    }

    private static JsonNode lastAck(CameraRig rig) {
        List<JsonNode> acks = rig.mqtt.on(Topic.CMD_ACK);
        return acks.get(acks.size() - 1);
    }

    @Test
    void the_latest_recording_goes_up_over_lte_is_verified_and_deleted_and_the_rest_waits_for_the_dock() {
        CameraRig rig = rigWithTwoRecordings();
        String latest = rig.events(RecordingStarted.class).get(1).recordingId();
        String older = rig.events(RecordingStarted.class).get(0).recordingId();

        rig.camera.priorityUpload();
        assertEquals(Mode.PRIORITY_UPLOAD, rig.snapshot().mode());
        assertEquals("PRIORITY_UPLOAD", rig.mqtt.lastState().path("mode").asText());
        JsonNode started = rig.mqtt.events("priorityUpload.started").get(0);
        assertEquals(latest, started.path("recordingId").asText());
        assertEquals(3, started.path("segments").asInt());

        // 12 min and 30 s of pre-event at 4 Mbit/s is 375 MB nominal: 600 s over 5 Mbit/s LTE
        rig.advance(Duration.ofSeconds(590));
        assertEquals(Mode.PRIORITY_UPLOAD, rig.snapshot().mode(), "LTE pace: not done before 600 s");
        rig.advance(Duration.ofSeconds(11));
        JsonNode done = rig.mqtt.events("priorityUpload.completed").get(0);
        assertEquals(latest, done.path("recordingId").asText());
        assertEquals(3, done.path("segments").asInt());
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(3, rig.backend.lteUploads());
        assertEquals(Set.of(older), recordingsOnCamera(rig), "only the latest recording was sent and deleted");
        assertTrue(rig.mqtt.events("upload.completed").stream().allMatch(e -> e.path("via").asText().equals("lte")));
        assertEquals(3, rig.mqtt.events("segment.purged").size(), "purged after verification");

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));
        assertTrue(rig.snapshot().stored().isEmpty(), "the older recording goes up in the dock");
    }

    @Test
    void a_trigger_cancels_it_and_records_with_the_full_pre_event_buffer() {
        CameraRig rig = rigWithTwoRecordings();
        rig.advance(Duration.ofMinutes(1));
        rig.camera.priorityUpload();
        rig.advance(Duration.ofSeconds(300));
        assertEquals(1, rig.mqtt.events("segment.purged").size(), "one segment up so far");

        rig.camera.trigger(Trigger.HOLSTER);
        assertEquals(Mode.RECORDING, rig.snapshot().mode());
        JsonNode cancelled = rig.mqtt.events("priorityUpload.cancelled").get(0);
        assertEquals("recording started", cancelled.path("reason").asText());
        assertEquals(1, cancelled.path("uploaded").asInt());
        assertEquals(2, cancelled.path("left").asInt());
        assertEquals(30.0, rig.mqtt.events("recording.started").get(2).path("preEventSeconds").asDouble(),
                "the buffer kept running during the upload");

        rig.advance(Duration.ofMinutes(10));
        assertEquals(1, rig.mqtt.events("segment.purged").size(), "the cut segment was not finished over LTE");
        rig.camera.stopRecording();
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(30));
        assertTrue(rig.snapshot().stored().isEmpty(), "the dock uploads what was left");
        rig.backend.hashes().keySet().forEach(id -> assertEquals(1, rig.backend.copies(id), id + " held once"));
    }

    @Test
    void the_officer_or_the_backend_can_cancel_it() {
        CameraRig rig = rigWithTwoRecordings();
        rig.camera.priorityUpload();
        rig.advance(Duration.ofSeconds(10));
        rig.camera.cancelPriorityUpload();
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals("officer", rig.mqtt.events("priorityUpload.cancelled").get(0).path("reason").asText());

        rig.mqtt.deliverCommand("{\"id\":\"p1\",\"type\":\"priorityUpload\"}");
        assertTrue(lastAck(rig).path("ok").asBoolean(), lastAck(rig).toString());
        assertEquals(Mode.PRIORITY_UPLOAD, rig.snapshot().mode());
        rig.mqtt.deliverCommand("{\"id\":\"p2\",\"type\":\"cancelPriorityUpload\"}");
        assertTrue(lastAck(rig).path("ok").asBoolean(), lastAck(rig).toString());
        assertEquals("command", rig.mqtt.events("priorityUpload.cancelled").get(1).path("reason").asText());
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());

        rig.mqtt.deliverCommand("{\"id\":\"p3\",\"type\":\"cancelPriorityUpload\"}");
        assertEquals("no priority upload running", lastAck(rig).path("error").asText());
    }

    @Test
    void docking_during_it_hands_the_rest_to_the_dock() {
        CameraRig rig = rigWithTwoRecordings();
        rig.camera.priorityUpload();
        rig.advance(Duration.ofSeconds(100));
        rig.camera.dock();
        assertEquals("docked", rig.mqtt.events("priorityUpload.cancelled").get(0).path("reason").asText());
        assertEquals(Mode.DOCKED, rig.snapshot().mode());
        rig.advance(Duration.ofMinutes(10));
        assertTrue(rig.snapshot().stored().isEmpty());
    }

    @Test
    void a_failed_lte_upload_ends_it_and_keeps_the_segment() {
        CameraRig rig = rigWithTwoRecordings();
        rig.backend.failNextUploads(1);
        rig.camera.priorityUpload();
        rig.advance(Duration.ofMinutes(5));
        JsonNode failed = rig.mqtt.events("priorityUpload.failed").get(0);
        assertTrue(failed.path("error").asText().contains("503"), failed.toString());
        assertEquals(0, failed.path("uploaded").asInt());
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(5, rig.snapshot().stored().size(), "nothing deleted");
    }

    @Test
    void it_is_refused_with_nothing_to_upload_or_when_not_ready() {
        CameraRig rig = new CameraRig().booted();
        rig.mqtt.deliverCommand("{\"id\":\"p\",\"type\":\"priorityUpload\"}");
        assertFalse(lastAck(rig).path("ok").asBoolean());
        assertEquals("nothing to upload: no recording waits on the camera", lastAck(rig).path("error").asText());
        rig.camera.priorityUpload();
        assertEquals("nothing to upload: no recording waits on the camera",
                rig.events(PriorityUploadRefused.class).get(0).reason());

        rig.camera.trigger(Trigger.BUTTON);
        rig.mqtt.deliverCommand("{\"id\":\"q\",\"type\":\"priorityUpload\"}");
        assertEquals("not ready: camera is RECORDING", lastAck(rig).path("error").asText());
        rig.mqtt.deliverCommand("{\"id\":\"r\",\"type\":\"priorityUpload\",\"params\":{\"all\":true}}");
        assertEquals("this command takes no params", lastAck(rig).path("error").asText());
    }
}
