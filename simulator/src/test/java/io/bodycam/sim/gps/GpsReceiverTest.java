package io.bodycam.sim.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GpsReceiverTest {

    private static final long T0 = 1_799_046_000_000L;

    @Test
    void the_route_depends_on_the_seed_only_not_on_how_often_it_is_read() {
        GpsReceiver everySecond = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 2, 11, T0);
        GpsReceiver onceAnHour = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 2, 11, T0);
        for (long t = T0; t <= T0 + 3_600_000; t += 1000) {
            everySecond.fixAt(t);
        }
        assertEquals(everySecond.lastFix(), onceAnHour.fixAt(T0 + 3_600_000));
    }

    @Test
    void different_seeds_patrol_differently() {
        GpsFix a = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 0, 1, T0).fixAt(T0 + 600_000);
        GpsFix b = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 0, 2, T0).fixAt(T0 + 600_000);
        assertNotEquals(a.lat(), b.lat());
    }

    @Test
    void a_patrol_car_stays_near_its_centre_at_urban_speeds_and_sometimes_loses_its_fix() {
        GpsReceiver gps = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 6, 5, T0);
        int noFix = 0;
        double maxSpeed = 0;
        for (long t = T0; t <= T0 + 8 * 3_600_000L; t += 1000) {
            GpsFix f = gps.fixAt(t);
            double d = GreatCircle.distance(39.0911, -94.4155, f.lat(), f.lon());
            assertTrue(d <= 3_050, "within the 3 km patrol radius, was " + d);
            assertTrue(f.heading() >= 0 && f.heading() < 360);
            maxSpeed = Math.max(maxSpeed, f.speed());
            if (!f.fix()) {
                noFix++;
                assertEquals(99.0, f.hdop());
            }
        }
        assertTrue(maxSpeed > 5 && maxSpeed < 20, "top speed " + maxSpeed + " m/s");
        assertTrue(noFix > 60 && noFix < 8 * 3600 / 4, "seconds without fix in 8 h at 6 losses/h: " + noFix);
    }
}
