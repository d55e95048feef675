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
    void a_clock_anchored_at_a_wall_instant_reads_its_start_then_and_earlier_before() {
        long anchor = System.currentTimeMillis() + 300;
        WallClock clock = WallClock.startingAt(1_000_000, 10, TimerLagListener.NONE, anchor);
        assertTrue(clock.now() < 1_000_000 - 2_000, "300 wall ms before the anchor at speed 10: " + clock.now());
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.now() >= 1_000_000);
        long wallAtStart = System.currentTimeMillis();
        assertTrue(wallAtStart >= anchor - 5 && wallAtStart < anchor + 200, "virtual start reached at wall " + wallAtStart
                + ", the anchor is " + anchor);
    }

    @Test
    void a_late_timer_says_when_it_was_due_and_outside_a_timer_due_is_now() {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            WallClock clock = WallClock.startingAt(0, 1, TimerLagListener.NONE);
            Scheduler s = clock.scheduler(loop);
            AtomicLong due = new AtomicLong(-1);
            AtomicLong now = new AtomicLong(-1);
            AtomicLong plain = new AtomicLong(-1);
            s.schedule(20, () -> {
                due.set(s.due());
                now.set(s.now());
            });
            // the loop is busy for 200 ms: the timer fires about 180 ms late
            loop.execute(() -> {
                long until = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> now.get() >= 0);
            assertTrue(due.get() >= 20 && due.get() < 60, "due " + due.get() + " ms");
            assertTrue(now.get() - due.get() >= 150, "fired " + (now.get() - due.get()) + " ms after it was due");
            s.execute(() -> plain.set(s.due() - s.now()));
            await().atMost(Duration.ofSeconds(5)).until(() -> plain.get() >= 0);
            assertTrue(plain.get() <= 1, "a task that is not a timer is due now, was " + plain.get() + " ms off");
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void a_speed_out_of_range_is_refused_with_the_range() {
        var e = assertThrows(IllegalArgumentException.class, () -> WallClock.startingAt(0, 0, TimerLagListener.NONE));
        assertEquals("clock speed must be > 0 and <= 100000, was 0.0", e.getMessage());
    }

    @Test
    void a_wall_reading_maps_to_the_same_instant_on_a_sped_up_clock_that_started_elsewhere() {
        long virtualStart = 1_800_000_000_000L;
        WallClock clock = WallClock.startingAt(virtualStart, 60, TimerLagListener.NONE);
        long wall = System.currentTimeMillis();
        long virtualNow = clock.now();
        long mapped = clock.fromWall(wall);
        assertTrue(Math.abs(mapped - virtualNow) < 60 * 50, "the wall's now " + wall + " maps to " + mapped
                + ", the clock reads " + virtualNow);
        assertEquals(60_000, clock.fromWall(wall + 1_000) - clock.fromWall(wall), "one wall second is a virtual minute");
    }
}
