package io.bodycam.bench.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's health from its CPU, the machine's, GC, observer time and camera timer lag: windows,
 * shares, and when it calls itself saturated.
 */
class BenchHealthTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong cpu = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicReference<Double> lag = new AtomicReference<>(1.0);
    private final AtomicReference<Double> machine = new AtomicReference<>(50.0);
    private final BenchHealth health = new BenchHealth(0, cpu::get, gcMillis::get, busy::get, lag::get, machine::get, 2);

    private static BenchHealth with(LongSupplier cpu, LongSupplier gc) {
        return new BenchHealth(0, cpu, gc, () -> 0, () -> 1, () -> 50, 2);
    }

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
        assertEquals(new BenchHealth.Window(50, 5, 20, 50, 1), health.latest());
        cpu.set(7 * SECOND);          // 2 more CPU seconds in the next 10 s
        health.sample(15 * SECOND);
        assertEquals(10, health.latest().cpuPercent(), 1e-9);
        var m = health.metrics(2.0);
        assertEquals(50, m.get("bench.cpu.max"), 1e-9);
        assertEquals(7.0 / 30 * 100, m.get("bench.cpu.mean"), 1e-9);
        assertEquals(5, m.get("bench.gc.max"), 1e-9);
        assertEquals(20, m.get("bench.observerBusy.max"), 1e-9);
        assertEquals(50, m.get("bench.machineCpu.max"), 1e-9);
        assertEquals(1, m.get("bench.timerLag.windowMax"), 1e-9);
        assertEquals(2, m.get("bench.windows"));
        assertEquals(0, m.get("bench.saturatedWindows"));
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
        assertEquals(java.util.List.of("1 of 1 windows, the first at 0s wall: observer busy 90% > 80%"), health.reasons(1));

        AtomicLong paused = new AtomicLong();
        BenchHealth gc = with(() -> 0, paused::get);
        paused.set(1_500);
        gc.sample(5 * SECOND);
        assertEquals(java.util.List.of("1 of 1 windows, the first at 0s wall: GC pauses 30% > 20%"), gc.reasons(1));

        AtomicLong used = new AtomicLong();
        BenchHealth busyCpu = with(used::get, () -> 0);
        used.set(98 * SECOND / 10);
        busyCpu.sample(5 * SECOND);
        assertEquals(java.util.List.of("CPU 98% of 2 cores > 95%"), busyCpu.reasons(1));
        assertTrue(busyCpu.describe(1).endsWith("SATURATED (CPU 98% of 2 cores > 95%)"), busyCpu.describe(1));
    }

    @Test
    void one_late_window_makes_the_run_saturated_though_its_whole_p99_is_fine() {
        lag.set(240.0);                  // the cold first seconds
        health.sample(5 * SECOND);
        lag.set(2.0);
        for (int i = 2; i <= 10; i++) {
            health.sample(i * 5 * SECOND);
        }
        var m = health.metrics(3.0);    // the run's p99 is low: the late window holds 1 % of the timers
        assertEquals(1, m.get("bench.saturated"));
        assertEquals(1, m.get("bench.saturatedWindows"));
        assertEquals(10, m.get("bench.windows"));
        assertEquals(240, m.get("bench.timerLag.windowMax"), 1e-9);
        assertEquals(java.util.List.of("1 of 10 windows, the first at 0s wall: camera timer lag p99 240 ms > 100 ms"),
                health.reasons(3.0));
    }

    @Test
    void a_busy_machine_counts_only_when_camera_timers_run_late_too() {
        machine.set(99.0);
        lag.set(5.0);                    // other processes busy, the bench still on time
        health.sample(5 * SECOND);
        assertEquals(0, health.metrics(5.0).get("bench.saturatedWindows"));
        lag.set(60.0);                   // starved: timers late though the bench's own CPU is low
        health.sample(10 * SECOND);
        assertEquals(java.util.List.of("1 of 2 windows, the first at 5s wall: machine CPU 99% > 95% with camera timers "
                + "60 ms late (p99)"), health.reasons(5.0));
        assertEquals(99, health.metrics(5.0).get("bench.machineCpu.max"), 1e-9);
    }

    @Test
    void an_unknown_machine_load_and_no_timers_are_not_measured() {
        BenchHealth h = new BenchHealth(0, () -> 0, () -> 0, () -> 0, () -> Double.NaN, () -> Double.NaN, 2);
        h.sample(5 * SECOND);
        assertTrue(Double.isNaN(h.metrics(Double.NaN).get("bench.machineCpu.max")));
        assertTrue(Double.isNaN(h.metrics(Double.NaN).get("bench.timerLag.windowMax")));
        assertEquals(0, h.metrics(Double.NaN).get("bench.saturated"));
    }

    @Test
    void counts_the_pauses_of_each_collector_and_not_the_concurrent_cycles_of_zgc_and_shenandoah() {
        // the MXBean names of the JDK's collectors (JDK 17)
        for (String pauses : new String[] {"G1 Young Generation", "G1 Old Generation", "PS Scavenge", "PS MarkSweep",
                "Copy", "MarkSweepCompact", "ZGC Pauses", "Shenandoah Pauses"}) {
            assertTrue(BenchHealth.countsPauses(pauses), pauses);
        }
        assertFalse(BenchHealth.countsPauses("ZGC Cycles"));
        assertFalse(BenchHealth.countsPauses("Shenandoah Cycles"));
    }

    @Test
    void no_cores_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new BenchHealth(0, () -> 0, () -> 0, () -> 0, () -> 1, () -> 50, 0));
    }
}
