package io.bodycam.sim.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void tasks_run_in_time_order_and_see_their_own_time() {
        ManualClock clock = new ManualClock(1_000);
        List<String> ran = new ArrayList<>();
        clock.schedule(300, () -> ran.add("c@" + clock.now()));
        clock.schedule(100, () -> ran.add("a@" + clock.now()));
        clock.schedule(100, () -> ran.add("b@" + clock.now()));
        clock.advance(Duration.ofMillis(250));
        assertEquals(List.of("a@1100", "b@1100"), ran, "ties run in scheduling order");
        assertEquals(1_250, clock.now());
        clock.advance(Duration.ofMillis(50));
        assertEquals(List.of("a@1100", "b@1100", "c@1300"), ran);
    }

    @Test
    void a_task_scheduled_by_a_task_runs_in_the_same_advance_when_due() {
        ManualClock clock = new ManualClock(0);
        List<Long> ticks = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            ticks.add(clock.now());
            clock.schedule(1_000, tick[0]);
        };
        clock.schedule(1_000, tick[0]);
        clock.advance(Duration.ofHours(8));
        assertEquals(8 * 3600, ticks.size());
        assertEquals(8 * 3_600_000L, ticks.get(ticks.size() - 1));
    }

    @Test
    void a_cancelled_task_never_runs() {
        ManualClock clock = new ManualClock(0);
        List<String> ran = new ArrayList<>();
        Timer t = clock.schedule(10, () -> ran.add("x"));
        t.cancel();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), ran);
        assertEquals(0, clock.pending());
    }

    @Test
    void time_never_goes_back() {
        ManualClock clock = new ManualClock(5_000);
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(4_999));
    }
}
