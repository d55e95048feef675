package io.bodycam.bench.metrics;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The bench's own load during a run, so that its figures are not mistaken for the backend's: the
 * process's CPU over all cores, the share of wall time lost to GC pauses, and how busy the observer's
 * single message thread is. Sampled in windows of at least {@link #WINDOW_NANOS} wall time by the
 * runner's watch (never on an event loop). With the camera timer lag it decides {@code bench.saturated}:
 * a run whose latencies measure the load generator falling behind, not the backend.
 *
 * <p>Thresholds (docs/metrics.md#bench-health): camera timer lag p99 above {@value #TIMER_LAG_P99_MILLIS} ms;
 * the observer busy more than {@value #OBSERVER_BUSY_PERCENT} % of a window; GC pauses more than
 * {@value #GC_PERCENT} % of a window; the process using more than {@value #CPU_PERCENT} % of all cores on
 * average over the run.
 */
public final class BenchHealth {

    /** Shortest window a share is computed over, so a single pause does not read as a trend. */
    public static final long WINDOW_NANOS = 5_000_000_000L;
    public static final double TIMER_LAG_P99_MILLIS = 100;
    public static final double OBSERVER_BUSY_PERCENT = 80;
    public static final double GC_PERCENT = 20;
    public static final double CPU_PERCENT = 95;

    private final LongSupplier cpuNanos;
    private final LongSupplier gcMillis;
    private final LongSupplier observerBusyNanos;
    private final int cores;
    private final long startNanos;
    private final long startCpu;
    private long windowStart;
    private long windowCpu;
    private long windowGc;
    private long windowBusy;
    private double cpuMax;
    private double gcMax;
    private double busyMax;
    private Window last;
    private long endNanos;
    private long endCpu;

    /** One window's shares, in percent (CPU of all cores). */
    public record Window(double cpuPercent, double gcPercent, double observerBusyPercent) {
    }

    /**
     * @param nowNanos          wall time of the first sample ({@link System#nanoTime()})
     * @param cpuNanos          CPU time used by the process so far
     * @param gcMillis          time spent in collections so far
     * @param observerBusyNanos wall time the observer's message thread has spent handling messages so far
     * @param cores             the cores the process may use
     */
    public BenchHealth(long nowNanos, LongSupplier cpuNanos, LongSupplier gcMillis, LongSupplier observerBusyNanos, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, was " + cores);
        }
        this.cpuNanos = cpuNanos;
        this.gcMillis = gcMillis;
        this.observerBusyNanos = observerBusyNanos;
        this.cores = cores;
        this.startNanos = nowNanos;
        this.startCpu = cpuNanos.getAsLong();
        this.windowStart = nowNanos;
        this.windowCpu = startCpu;
        this.windowGc = gcMillis.getAsLong();
        this.windowBusy = observerBusyNanos.getAsLong();
        this.endNanos = nowNanos;
        this.endCpu = startCpu;
    }

    /** This JVM's health, the observer's busy time read from {@code observerBusyNanos}. */
    public static BenchHealth ofThisProcess(LongSupplier observerBusyNanos) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        LongSupplier gc = () -> gcs.stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        return new BenchHealth(System.nanoTime(), os::getProcessCpuTime, gc, observerBusyNanos,
                Runtime.getRuntime().availableProcessors());
    }

    /** Closes the current window if it is long enough; called once a look by the runner's watch. */
    public synchronized void sample(long nowNanos) {
        long wall = nowNanos - windowStart;
        if (wall < WINDOW_NANOS) {
            return;
        }
        long cpu = cpuNanos.getAsLong();
        long gc = gcMillis.getAsLong();
        long busy = observerBusyNanos.getAsLong();
        Window w = new Window(100.0 * (cpu - windowCpu) / ((double) wall * cores), 100.0 * (gc - windowGc) * 1e6 / wall,
                100.0 * (busy - windowBusy) / wall);
        cpuMax = Math.max(cpuMax, w.cpuPercent());
        gcMax = Math.max(gcMax, w.gcPercent());
        busyMax = Math.max(busyMax, w.observerBusyPercent());
        last = w;
        windowStart = nowNanos;
        windowCpu = cpu;
        windowGc = gc;
        windowBusy = busy;
        endNanos = nowNanos;
        endCpu = cpu;
    }

    /** The latest closed window, or null before the first one closed. */
    public synchronized Window latest() {
        return last;
    }

    /** For the progress line: the latest window's figures, and a warning once the bench is saturated. */
    public synchronized String describe(double timerLagP99Millis) {
        if (last == null) {
            return "bench: measuring";
        }
        String s = String.format(Locale.ROOT, "bench cpu %.0f%% gc %.0f%% observer %.0f%%", last.cpuPercent(), last.gcPercent(),
                last.observerBusyPercent());
        List<String> why = reasons(timerLagP99Millis);
        return why.isEmpty() ? s : s + " SATURATED (" + String.join(", ", why) + ")";
    }

    /**
     * The health metrics under their catalogue names, {@code bench.saturated} 1 when a threshold was
     * crossed. {@code timerLagP99Millis} is the run's camera timer lag p99 (NaN: no timer fired).
     */
    public synchronized Map<String, Double> metrics(double timerLagP99Millis) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bench.cpu.mean", cpuMean());
        m.put("bench.cpu.max", last == null ? Double.NaN : cpuMax);
        m.put("bench.gc.max", last == null ? Double.NaN : gcMax);
        m.put("bench.observerBusy.max", last == null ? Double.NaN : busyMax);
        m.put("bench.saturated", reasons(timerLagP99Millis).isEmpty() ? 0.0 : 1.0);
        return m;
    }

    /** Why the bench's figures are not to be trusted; empty when they are. */
    public synchronized List<String> reasons(double timerLagP99Millis) {
        List<String> why = new ArrayList<>();
        if (timerLagP99Millis > TIMER_LAG_P99_MILLIS) {
            why.add(String.format(Locale.ROOT, "camera timer lag p99 %.0f ms > %.0f ms", timerLagP99Millis, TIMER_LAG_P99_MILLIS));
        }
        if (busyMax > OBSERVER_BUSY_PERCENT) {
            why.add(String.format(Locale.ROOT, "observer busy %.0f%% > %.0f%%", busyMax, OBSERVER_BUSY_PERCENT));
        }
        if (gcMax > GC_PERCENT) {
            why.add(String.format(Locale.ROOT, "GC pauses %.0f%% > %.0f%%", gcMax, GC_PERCENT));
        }
        double cpu = cpuMean();
        if (cpu > CPU_PERCENT) {
            why.add(String.format(Locale.ROOT, "CPU %.0f%% of %d cores > %.0f%%", cpu, cores, CPU_PERCENT));
        }
        return why;
    }

    private double cpuMean() {
        long wall = endNanos - startNanos;
        return wall <= 0 ? Double.NaN : 100.0 * (endCpu - startCpu) / ((double) wall * cores);
    }
}
