package io.bodycam.bench.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's health from its CPU, GC and observer time: windows, shares, and when it calls itself saturated. */
class BenchHealthTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong cpu = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final BenchHealth health = new BenchHealth(0, cpu::get, gcMillis::get, busy::get, 2);

    @Test
    void a_window_shorter_than_five_seconds_is_not_closed() {
        cpu.set(2 * SECOND);
        health.sample(4 * SECOND);
        assertEquals(null, health.latest());
        assertEquals("bench: measuring", health.describe(Double.NaN));
        assertTrue(Double.isNaN(health.metrics(Double.NaN).get("bench.cpu.max")));
    }

    @Test
    void shares_are_per_window_and_cpu_is_of_all_cores() {
        cpu.set(5 * SECOND);          // one of two cores for 5 s
        gcMillis.set(250);
        busy.set(SECOND);
        health.sample(5 * SECOND);
        assertEquals(new BenchHealth.Window(50, 5, 20), health.latest());
        cpu.set(7 * SECOND);          // 2 more CPU seconds in the next 10 s
        health.sample(15 * SECOND);
        assertEquals(10, health.latest().cpuPercent(), 1e-9);
        var m = health.metrics(2.0);
        assertEquals(50, m.get("bench.cpu.max"), 1e-9);
        assertEquals(7.0 / 30 * 100, m.get("bench.cpu.mean"), 1e-9);
        assertEquals(5, m.get("bench.gc.max"), 1e-9);
        assertEquals(20, m.get("bench.observerBusy.max"), 1e-9);
        assertEquals(0, m.get("bench.saturated"));
        assertEquals("bench cpu 10% gc 0% observer 0%", health.describe(2.0));
    }

    @Test
    void each_threshold_alone_makes_the_bench_saturated_and_says_why() {
        health.sample(0);
        assertEquals(1, health.metrics(150).get("bench.saturated"));
        assertEquals("camera timer lag p99 150 ms > 100 ms", health.reasons(150).get(0));

        busy.set(9 * SECOND / 2);
        health.sample(5 * SECOND);
        assertEquals(java.util.List.of("observer busy 90% > 80%"), health.reasons(1));

        AtomicLong paused = new AtomicLong();
        BenchHealth gc = new BenchHealth(0, () -> 0, paused::get, () -> 0, 2);
        paused.set(1_500);
        gc.sample(5 * SECOND);
        assertEquals(java.util.List.of("GC pauses 30% > 20%"), gc.reasons(1));

        AtomicLong used = new AtomicLong();
        BenchHealth busyCpu = new BenchHealth(0, used::get, () -> 0, () -> 0, 2);
        used.set(98 * SECOND / 10);
        busyCpu.sample(5 * SECOND);
        assertEquals(java.util.List.of("CPU 98% of 2 cores > 95%"), busyCpu.reasons(1));
        assertTrue(busyCpu.describe(1).endsWith("SATURATED (CPU 98% of 2 cores > 95%)"), busyCpu.describe(1));
    }

    @Test
    void no_cores_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new BenchHealth(0, () -> 0, () -> 0, () -> 0, 0));
    }
}
