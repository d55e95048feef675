package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.RecordingStopped;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageTest {

    @Test
    void a_full_card_stops_the_recording_at_the_moment_it_fills_and_refuses_the_next_one() {
        // 1 GB at 4 Mbit/s (500 kB/s) holds 2000 s of video
        CameraRig rig = new CameraRig(b -> b.storage(1_000_000_000L, 200_000_000L).preEvent(Duration.ZERO)).booted();
        long trigger = rig.clock.now();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofHours(1));

        CameraSnapshot s = rig.snapshot();
        assertEquals(Mode.READY_BUFFERING, s.mode());
        assertTrue(s.flags().contains(Flag.STORAGE_FULL), "flags: " + s.flags());
        assertEquals("storage full", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        long stoppedAfter = rig.events(RecordingStopped.class).get(0).time() - trigger;
        assertEquals(2_000_000, stoppedAfter, 1_000, "stopped when the card filled");
        assertEquals(1, rig.mqtt.events("storage.full").size());

        rig.mqtt.deliverCommand("{\"id\":\"c1\",\"type\":\"startRecording\"}");
        var ack = rig.mqtt.on(io.bodycam.sim.link.Topic.CMD_ACK).get(0);
        assertFalse(ack.path("ok").asBoolean());
        assertEquals("storage full", ack.path("error").asText());
    }

    @Test
    void storage_low_is_flagged_below_the_threshold_and_cleared_after_the_dock_purges() {
        CameraRig rig = new CameraRig(b -> b.storage(1_000_000_000L, 400_000_000L).payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(25));
        rig.camera.stopRecording();
        assertTrue(rig.snapshot().flags().contains(Flag.STORAGE_LOW), "750 MB used of 1 GB");

        rig.camera.dock();
        rig.advance(Duration.ofHours(1));
        assertFalse(rig.snapshot().flags().contains(Flag.STORAGE_LOW), "flags: " + rig.snapshot().flags());
    }
}
