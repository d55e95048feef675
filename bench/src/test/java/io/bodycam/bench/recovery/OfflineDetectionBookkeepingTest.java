package io.bodycam.bench.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What counts as a detected and an undetected death, fed by hand: the presence changes the observer
 * reports and the deaths the bench knows of. Times are virtual ms; the clock runs at speed 10.
 */
class OfflineDetectionBookkeepingTest {

    private final OfflineDetection detection = new OfflineDetection(10);

    @Test
    void the_death_of_a_camera_seen_online_is_measured_up_to_its_offline_status_in_wall_time() {
        detection.presenceChanged("A", true, null, 1_000);
        detection.connectionLost("A", 5_000);
        detection.presenceChanged("A", false, "connection lost", 35_000);

        assertEquals(1, detection.summary().count());
        assertEquals(3_000, detection.summary().maxMillis(), 5, "30 virtual s at speed 10");
        assertEquals(0, detection.undetected());
    }

    @Test
    void a_camera_back_online_without_ever_being_seen_offline_is_undetected() {
        detection.presenceChanged("A", true, null, 1_000);
        detection.connectionLost("A", 5_000);
        detection.presenceChanged("A", true, null, 9_000);

        assertEquals(0, detection.summary().count());
        assertEquals(1, detection.undetected());
    }

    @Test
    void a_camera_still_waiting_for_its_offline_status_at_the_end_is_undetected() {
        detection.presenceChanged("A", true, null, 1_000);
        detection.connectionLost("A", 5_000);

        assertEquals(1, detection.undetected());
    }

    @Test
    void the_death_of_a_camera_the_backend_already_sees_offline_is_not_counted() {
        detection.presenceChanged("A", true, null, 1_000);
        detection.presenceChanged("A", false, "connection lost", 2_000);
        detection.connectionLost("A", 5_000);
        detection.connectionLost("never-seen", 5_000);
        detection.presenceChanged("A", true, null, 60_000);

        assertEquals(0, detection.summary().count());
        assertEquals(0, detection.undetected(), "nothing was left to detect");
    }
}
