package io.bodycam.sim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatteryTest {

    private static final long HOUR = 3_600_000;

    @Test
    void a_full_battery_lasts_twelve_hours_of_mixed_use() {
        Battery b = new Battery(BatteryModel.DEFAULT, 100, 0);
        b.update(0, PowerDraw.IDLE);
        b.update(10 * HOUR, PowerDraw.RECORDING);
        b.update(12 * HOUR);
        assertEquals(0, b.percent(), 0.01, "10 h buffering + 2 h recording empties it [S12]");
        assertTrue(b.empty());
    }

    @Test
    void the_dock_recharges_an_empty_battery_in_nine_hours() {
        Battery b = new Battery(BatteryModel.DEFAULT, 0, 0);
        b.update(0, PowerDraw.CHARGING);
        b.update(9 * HOUR);
        assertEquals(100, b.percent(), 0.01);
        b.update(10 * HOUR);
        assertEquals(100, b.percent(), 0.0, "never above full");
    }

    @Test
    void thresholds_and_time_to_empty_follow_the_draw() {
        Battery b = new Battery(BatteryModel.DEFAULT, 12.5, 0);
        b.update(0, PowerDraw.RECORDING);
        assertEquals(HOUR, b.millisToEmpty());
        b.update(HOUR * 21 / 100);
        assertTrue(b.low() && !b.critical(), "below 10 % is low, not yet critical: " + b.percent());
        b.update(HOUR * 19 / 20);
        assertTrue(b.critical(), "below 3 %: " + b.percent());
    }
}
