package io.bodycam.sim.time;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WallClockTest {

    @Test
    void a_sped_up_clock_fires_a_virtual_minute_in_a_wall_second_and_reports_the_lag() {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicLong lags = new AtomicLong();
            WallClock clock = WallClock.startingAt(0, 60, lag -> lags.incrementAndGet());
            Scheduler s = clock.scheduler(loop);
            AtomicLong firedAt = new AtomicLong(-1);
            long wallStart = System.nanoTime();
            s.schedule(60_000, () -> firedAt.set(System.nanoTime()));
            await().atMost(Duration.ofSeconds(5)).until(() -> firedAt.get() > 0);
            long wallMillis = (firedAt.get() - wallStart) / 1_000_000;
            assertTrue(wallMillis >= 990 && wallMillis < 2_000, "60 virtual s at speed 60 took " + wallMillis + " wall ms");
            assertEquals(1, lags.get());
            assertTrue(clock.now() >= 60_000);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void a_speed_out_of_range_is_refused_with_the_range() {
        var e = assertThrows(IllegalArgumentException.class, () -> WallClock.startingAt(0, 0, TimerLagListener.NONE));
        assertEquals("clock speed must be > 0 and <= 100000, was 0.0", e.getMessage());
    }
}
