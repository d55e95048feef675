package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.sim.recording.SegmentManifest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PreEventBufferTest {

    @Test
    void a_recording_starts_with_the_last_30_seconds_of_buffered_video() {
        CameraRig rig = new CameraRig().booted();
        rig.advance(Duration.ofMinutes(5));
        long trigger = rig.clock.now();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(2));
        rig.camera.stopRecording();

        SegmentManifest first = rig.snapshot().stored().get(0);
        assertEquals(30_000, first.preEventMillis(), "pre-event part of the first segment");
        assertEquals(trigger - 30_000, first.start(), "capture of the first segment starts 30 s before the trigger");
        assertEquals(30.0, rig.mqtt.events("recording.started").get(0).path("preEventSeconds").asDouble());
    }

    @Test
    void the_head_of_the_recording_is_exactly_the_bytes_captured_before_the_trigger() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.advance(Duration.ofMinutes(1));
        long trigger = rig.clock.now();
        rig.camera.trigger(Trigger.HOLSTER);
        rig.advance(Duration.ofSeconds(40));
        rig.camera.stopRecording();

        SegmentManifest s = rig.snapshot().stored().get(0);
        var stream = rig.camera.stream();
        long from = stream.position(trigger - 30_000);
        long to = stream.position(trigger);
        byte[] buffered = new byte[(int) (to - from)];
        stream.fill(from, buffered, 0, buffered.length);
        byte[] head = new byte[buffered.length];
        ((io.bodycam.sim.recording.SegmentPayload) rig.camera.payload(s)).read(0, head, 0, head.length);
        assertArrayEquals(buffered, head, "first bytes of the segment are the buffered capture");
        assertEquals(stream.position(trigger + 40_000) - from, s.bytes(), "segment = 30 s buffer + 40 s recording");
    }

    @Test
    void the_buffer_holds_only_what_was_captured_since_buffering_began() {
        CameraRig rig = new CameraRig().booted();
        rig.advance(Duration.ofSeconds(12));
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(30));
        rig.camera.stopRecording();
        rig.advance(Duration.ofSeconds(8));
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(30));
        rig.camera.stopRecording();

        var stored = rig.snapshot().stored();
        assertEquals(12_000, stored.get(0).preEventMillis(), "12 s buffered since boot");
        assertEquals(8_000, stored.get(1).preEventMillis(), "8 s buffered since the last recording stopped");
        assertEquals(stored.get(0).end(), stored.get(1).start(), "the second buffer begins where the first recording ended: no byte reused");
    }

    @Test
    void a_recording_started_from_sleep_has_no_pre_event_buffer() {
        CameraRig rig = new CameraRig().booted();
        rig.advance(Duration.ofMinutes(3));
        rig.camera.sleep();
        rig.advance(Duration.ofMinutes(3));
        rig.camera.trigger(Trigger.LIGHTBAR);
        assertEquals(Mode.SLEEP, rig.snapshot().mode(), "signal triggers are ignored asleep [S13]");
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(20));
        rig.camera.stopRecording();

        assertEquals(0, rig.snapshot().stored().get(0).preEventMillis());
    }

    @Test
    void a_pre_event_setting_of_zero_means_no_buffer() {
        CameraRig rig = new CameraRig(b -> b.preEvent(Duration.ZERO)).booted();
        rig.advance(Duration.ofMinutes(3));
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(20));
        rig.camera.stopRecording();

        assertEquals(0, rig.snapshot().stored().get(0).preEventMillis());
    }
}
