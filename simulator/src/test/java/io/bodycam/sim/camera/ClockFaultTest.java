package io.bodycam.sim.camera;

import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.event.FaultClockSkew;
import io.bodycam.sim.link.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockFaultTest {

    private static JsonNode lastEvent(CameraRig rig) {
        List<JsonNode> events = rig.mqtt.on(Topic.EVENTS);
        return events.get(events.size() - 1);
    }

    @Test
    void a_skewed_clock_stamps_messages_wrong_and_is_flagged_until_the_dock_syncs_it() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.faults().skewClock(Duration.ofHours(1));

        assertTrue(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED));
        assertEquals(3_600_000, rig.mqtt.lastState().path("clockOffsetMs").asLong());
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(rig.clock.now() + 3_600_000, lastEvent(rig).path("ts").asLong(), "recording.started is an hour ahead");
        assertEquals(3_600_000L, rig.events(FaultClockSkew.class).get(0).skewMs());

        rig.camera.dock();
        rig.advance(Duration.ofSeconds(5));
        JsonNode synced = rig.mqtt.events("time.synced").get(0);
        assertEquals(-3_600_000, synced.path("offsetMs").asLong(), 20, synced.toString());
        assertFalse(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED), "flags: " + rig.snapshot().flags());
        assertEquals(0, rig.mqtt.lastState().path("clockOffsetMs").asLong(), 20);
    }

    @Test
    void a_drifting_clock_is_flagged_once_it_is_a_second_off_and_the_sync_takes_the_offset_out() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.faults().driftPpm(100);

        rig.advance(Duration.ofHours(2));
        assertFalse(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED), "720 ms off is within tolerance");
        assertEquals(720, rig.mqtt.lastState().path("clockOffsetMs").asLong(), 10);

        rig.advance(Duration.ofHours(1));
        assertTrue(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED), "1080 ms off: flags " + rig.snapshot().flags());

        rig.camera.dock();
        rig.advance(Duration.ofSeconds(5));
        assertEquals(-1080, rig.mqtt.events("time.synced").get(0).path("offsetMs").asLong(), 20);
        assertFalse(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED));

        rig.advance(Duration.ofHours(1));
        assertEquals(360, rig.mqtt.lastState().path("clockOffsetMs").asLong(), 25, "the drift goes on after the sync");
        assertFalse(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED));
    }

    @Test
    void a_slow_clock_drifts_behind() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.faults().driftPpm(-500);
        rig.advance(Duration.ofHours(1));
        assertEquals(-1800, rig.mqtt.lastState().path("clockOffsetMs").asLong(), 10);
        assertTrue(rig.snapshot().flags().contains(Flag.CLOCK_UNSYNCED));
    }

    @Test
    void drift_and_skew_out_of_range_are_refused_naming_the_field() {
        Camera camera = new CameraRig().camera;
        var e = assertThrows(IllegalArgumentException.class, () -> camera.faults().driftPpm(20_000));
        assertTrue(e.getMessage().startsWith("clock drift must be within"), e.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> camera.faults().driftPpm(Double.NaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        var skew = assertThrows(IllegalArgumentException.class, () -> camera.faults().skewClock(Duration.ofDays(40_000)));
        assertTrue(skew.getMessage().startsWith("clock skew must be within"), skew.getMessage());
    }
}
