package io.bodycam.bench.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FaultPowerLoss;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentDamaged;
import io.bodycam.sim.event.SegmentPurged;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The recovery tracker and the offline detection fed by hand, on made-up virtual times. */
class RecoveryTrackerTest {

    private static CameraEvent mode(String device, long at, Mode to) {
        return new ModeChanged(device, at, Mode.BOOTING, to);
    }

    @Test
    void all_online_after_is_the_time_from_the_fault_end_until_every_powered_camera_is_back() {
        RecoveryTracker t = new RecoveryTracker();
        t.onEvent(mode("A", 0, Mode.READY_BUFFERING));
        t.onEvent(mode("B", 0, Mode.READY_BUFFERING));
        t.presenceChanged("A", true, null, 100);
        t.presenceChanged("B", true, null, 100);
        t.presenceChanged("A", false, "connection lost", 1_000);
        t.presenceChanged("B", false, "connection lost", 1_000);

        t.faultEnded(5_000);
        t.presenceChanged("A", true, null, 6_000);
        assertEquals(OptionalLong.empty(), t.allOnlineAfter(), "B is still away");
        t.presenceChanged("B", true, null, 9_500);

        assertEquals(OptionalLong.of(4_500), t.allOnlineAfter());
        assertEquals(OptionalLong.of(0), t.queueDrainedAfter(), "no segment was waiting");
        assertEquals(0, t.unrecovered());
    }

    @Test
    void a_camera_switched_off_is_not_waited_for() {
        RecoveryTracker t = new RecoveryTracker();
        t.onEvent(mode("A", 0, Mode.READY_BUFFERING));
        t.onEvent(mode("B", 0, Mode.READY_BUFFERING));
        t.presenceChanged("A", true, null, 100);
        t.faultEnded(1_000);
        t.onEvent(mode("B", 2_000, Mode.OFF));

        assertEquals(OptionalLong.of(1_000), t.allOnlineAfter());
    }

    @Test
    void queue_drained_after_counts_closed_segments_down_to_zero_and_damaged_ones_held_do_not_block_it() {
        RecoveryTracker t = new RecoveryTracker();
        t.onEvent(new SegmentClosed("A", 0, "R", "S", 0, 1, 1, "aa", 0, 0, 0.0));
        t.onEvent(new SegmentClosed("A", 0, "R", "S", 0, 1, 1, "aa", 0, 0, 0.0));
        t.faultEnded(1_000);
        t.onEvent(new SegmentPurged("A", 3_000, "S"));
        assertTrue(t.queueDrainedAfter().isEmpty());
        t.onEvent(new SegmentDamaged("A", 4_000, "S", "aa", "bb"));

        assertEquals(OptionalLong.of(3_000), t.queueDrainedAfter());
        assertEquals(0, t.queued());
    }

    @Test
    void over_several_faults_the_longest_recovery_counts() {
        RecoveryTracker t = new RecoveryTracker();
        t.onEvent(mode("A", 0, Mode.READY_BUFFERING));
        t.faultEnded(1_000);
        t.presenceChanged("A", true, null, 2_000);
        t.presenceChanged("A", false, "connection lost", 3_000);
        t.faultEnded(4_000);
        t.presenceChanged("A", true, null, 9_000);

        assertEquals(OptionalLong.of(5_000), t.allOnlineAfter());
        assertEquals(2, t.faults());
    }

    @Test
    void offline_detection_measures_wall_time_from_death_to_the_offline_status() {
        OfflineDetection d = new OfflineDetection(60);
        for (String id : java.util.List.of("A", "B", "C")) {
            d.presenceChanged(id, true, null, -1_000);
        }
        d.onEvent(new FaultPowerLoss("A", 0, null, Mode.RECORDING));
        d.connectionLost("B", 0);
        d.connectionLost("C", 0);
        d.presenceChanged("A", false, "connection lost", 60_000);
        d.presenceChanged("B", true, null, 1_000);

        assertEquals(1, d.summary().count());
        assertEquals(1_000, d.summary().maxMillis(), 1, "60 virtual seconds at speed 60");
        assertEquals(2, d.undetected(), "B came back before it was seen offline, C was never seen");
    }
}
