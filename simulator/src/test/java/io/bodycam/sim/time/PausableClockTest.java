package io.bodycam.sim.time;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PausableClockTest {

    private static final long T0 = 1_800_000_000_000L;

    private final ScheduledExecutorService loopA = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService loopB = Executors.newSingleThreadScheduledExecutor();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private PausableClock clock;

    @AfterEach
    void stop() {
        clock.close();
        loopA.shutdownNow();
        loopB.shutdownNow();
    }

    @Test
    void a_paused_clock_stands_still_and_a_step_runs_what_falls_due_in_time_order_across_loops() {
        clock = PausableClock.paused(T0);
        Scheduler a = clock.scheduler(loopA);
        Scheduler b = clock.scheduler(loopB);
        a.schedule(3_000, () -> ran.add("a@" + (a.now() - T0)));
        b.schedule(1_000, () -> ran.add("b@" + (b.now() - T0)));
        a.schedule(2_000, () -> ran.add("a@" + (a.now() - T0)));
        b.schedule(9_000, () -> ran.add("late"));

        clock.step(Duration.ofMillis(2_500));
        assertEquals(List.of("b@1000", "a@2000"), ran, "only the timers due by 2.5 s, each at its own moment");
        assertEquals(T0 + 2_500, clock.now());
        assertEquals(T0 + 2_500, clock.now(), "paused: time does not move between two reads");

        clock.step(Duration.ofSeconds(1));
        assertEquals(List.of("b@1000", "a@2000", "a@3000"), ran);
        assertTrue(clock.isPaused());
        assertEquals(1, clock.pending());
    }

    @Test
    void what_a_timer_schedules_for_the_same_instant_runs_in_the_same_step_on_the_loop_thread() {
        clock = PausableClock.paused(T0);
        Scheduler a = clock.scheduler(loopA);
        a.schedule(1_000, () -> {
            ran.add("first on loop " + a.inThread());
            a.schedule(0, () -> ran.add("then at " + (a.now() - T0)));
        });
        clock.step(Duration.ofSeconds(1));
        assertEquals(List.of("first on loop true", "then at 1000"), ran);
        assertFalse(a.inThread(), "the test thread is not the loop's");
    }

    @Test
    void a_periodic_timer_keeps_its_rate_over_a_step_until_cancelled() {
        clock = PausableClock.paused(T0);
        Scheduler a = clock.scheduler(loopA);
        Timer t = a.every(1_000, 2_000, () -> ran.add(Long.toString(a.now() - T0)));
        clock.step(Duration.ofSeconds(6));
        assertEquals(List.of("1000", "3000", "5000"), ran);
        t.cancel();
        clock.step(Duration.ofSeconds(6));
        assertEquals(3, ran.size(), "nothing after cancel: " + ran);
        assertEquals(0, clock.pending());
    }

    @Test
    void a_running_clock_follows_the_wall_clock_at_its_speed_and_a_pause_freezes_it() {
        clock = PausableClock.running(T0, 10_000);
        Scheduler a = clock.scheduler(loopA);
        AtomicLong firedAt = new AtomicLong();
        a.schedule(60_000, () -> firedAt.set(a.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> firedAt.get() != 0);
        assertTrue(firedAt.get() >= T0 + 60_000, "fired at +" + (firedAt.get() - T0) + " ms virtual");

        clock.pause();
        long frozen = clock.now();
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(clock::now, loopB);
        assertEquals(frozen, read.join(), "paused: no thread sees time move");

        clock.setSpeed(1);
        clock.resume();
        assertEquals(1, clock.speed());
        assertFalse(clock.isPaused());
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.now() > frozen);
    }

    @Test
    void a_step_asked_from_a_cameras_loop_is_refused_rather_than_waiting_for_itself() {
        clock = PausableClock.paused(T0);
        Scheduler a = clock.scheduler(loopA);
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        a.execute(() -> {
            try {
                clock.step(Duration.ofSeconds(1));
                refused.complete(null);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        });
        assertTrue(refused.join() instanceof IllegalStateException, "got " + refused.join());
    }

    @Test
    void a_speed_out_of_range_and_a_backward_step_are_refused_with_the_reason() {
        clock = PausableClock.paused(T0);
        assertEquals("clock speed must be > 0 and <= 100000, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> clock.step(Duration.ofSeconds(-1))).getMessage()
                .contains("forward only"));
    }
}
