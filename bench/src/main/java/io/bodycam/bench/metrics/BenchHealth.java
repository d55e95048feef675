package io.bodycam.bench.metrics;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The bench's own load during a run, so that its figures are not mistaken for the backend's: the
 * process's CPU over all cores, the whole machine's CPU, the share of wall time lost to GC pauses, how
 * busy the observer's single message thread is, and how late camera timers fired. Sampled in windows of
 * at least {@link #WINDOW_NANOS} wall time by the runner's watch (never on an event loop). It decides
 * {@code bench.saturated}: a run some of whose latencies measure the load generator falling behind, not
 * the backend.
 *
 * <p>Thresholds (docs/metrics.md#bench-health): camera timer lag p99 above {@value #TIMER_LAG_P99_MILLIS} ms
 * over the run or in any window; the observer busy more than {@value #OBSERVER_BUSY_PERCENT} % of a window;
 * GC pauses more than {@value #GC_PERCENT} % of a window; the process using more than {@value #CPU_PERCENT} %
 * of all cores on average over the run; the machine (every process) busier than {@value #CPU_PERCENT} % in
 * a window in which camera timers also ran late (p99 above {@value #STARVED_TIMER_LAG_P99_MILLIS} ms), when
 * other processes starve the bench.
 */
public final class BenchHealth {

    /** Shortest window a share is computed over, so a single pause does not read as a trend. */
    public static final long WINDOW_NANOS = 5_000_000_000L;
    public static final double TIMER_LAG_P99_MILLIS = 100;
    public static final double OBSERVER_BUSY_PERCENT = 80;
    public static final double GC_PERCENT = 20;
    public static final double CPU_PERCENT = 95;
    public static final double STARVED_TIMER_LAG_P99_MILLIS = 20;

    private final LongSupplier cpuNanos;
    private final LongSupplier gcMillis;
    private final LongSupplier observerBusyNanos;
    private final DoubleSupplier windowTimerLagP99Millis;
    private final DoubleSupplier machineCpuPercent;
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
    private double lagMax = Double.NaN;
    private double machineMax = Double.NaN;
    private int windows;
    private int saturatedWindows;
    private long firstSaturatedAt = -1;
    private String firstSaturatedWhy;
    private Window last;
    private long endNanos;
    private long endCpu;

    /**
     * One window's shares, in percent (CPU of all cores), and its camera timer lag p99 in milliseconds;
     * NaN where not measured (no timer fired, or the machine's CPU unknown).
     */
    public record Window(double cpuPercent, double gcPercent, double observerBusyPercent, double machineCpuPercent,
                         double timerLagP99Millis) {

        /** Why this window's latencies measure the bench; empty when they do not. */
        List<String> reasons() {
            List<String> why = new ArrayList<>();
            if (timerLagP99Millis > TIMER_LAG_P99_MILLIS) {
                why.add(String.format(Locale.ROOT, "camera timer lag p99 %.0f ms > %.0f ms", timerLagP99Millis, TIMER_LAG_P99_MILLIS));
            }
            if (observerBusyPercent > OBSERVER_BUSY_PERCENT) {
                why.add(String.format(Locale.ROOT, "observer busy %.0f%% > %.0f%%", observerBusyPercent, OBSERVER_BUSY_PERCENT));
            }
            if (gcPercent > GC_PERCENT) {
                why.add(String.format(Locale.ROOT, "GC pauses %.0f%% > %.0f%%", gcPercent, GC_PERCENT));
            }
            if (machineCpuPercent > CPU_PERCENT && timerLagP99Millis > STARVED_TIMER_LAG_P99_MILLIS) {
                why.add(String.format(Locale.ROOT, "machine CPU %.0f%% > %.0f%% with camera timers %.0f ms late (p99)",
                        machineCpuPercent, CPU_PERCENT, timerLagP99Millis));
            }
            return why;
        }
    }

    /**
     * @param nowNanos                wall time of the first sample ({@link System#nanoTime()})
     * @param cpuNanos                CPU time used by the process so far
     * @param gcMillis                time spent in collections so far
     * @param observerBusyNanos       wall time the observer's message thread has spent handling messages so far
     * @param windowTimerLagP99Millis the camera timer lag p99 since its previous call, in milliseconds (NaN: none fired)
     * @param machineCpuPercent       every process's CPU since its previous call, percent of all cores (NaN: unknown)
     * @param cores                   the cores the process may use
     */
    public BenchHealth(long nowNanos, LongSupplier cpuNanos, LongSupplier gcMillis, LongSupplier observerBusyNanos,
                       DoubleSupplier windowTimerLagP99Millis, DoubleSupplier machineCpuPercent, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, was " + cores);
        }
        this.cpuNanos = cpuNanos;
        this.gcMillis = gcMillis;
        this.observerBusyNanos = observerBusyNanos;
        this.windowTimerLagP99Millis = windowTimerLagP99Millis;
        this.machineCpuPercent = machineCpuPercent;
        this.cores = cores;
        this.startNanos = nowNanos;
        this.startCpu = cpuNanos.getAsLong();
        this.windowStart = nowNanos;
        this.windowCpu = startCpu;
        this.windowGc = gcMillis.getAsLong();
        this.windowBusy = observerBusyNanos.getAsLong();
        this.endNanos = nowNanos;
        this.endCpu = startCpu;
        machineCpuPercent.getAsDouble();
        windowTimerLagP99Millis.getAsDouble();
    }

    /**
     * Whether a collector's MXBean times the pauses that stop the cameras' threads. G1's and Parallel's do.
     * ZGC and Shenandoah have two: {@code ... Pauses}, and {@code ... Cycles}, the whole of each collection,
     * which runs beside the application; counting the cycles would read a concurrent collection as a pause.
     */
    static boolean countsPauses(String collector) {
        return !collector.endsWith(" Cycles");
    }

    /**
     * This JVM's health, the observer's busy time read from {@code observerBusyNanos}, the camera timer lag
     * of each window from {@code windowTimerLagP99Millis}.
     */
    public static BenchHealth ofThisProcess(LongSupplier observerBusyNanos, DoubleSupplier windowTimerLagP99Millis) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> countsPauses(b.getName())).toList();
        LongSupplier gc = () -> gcs.stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        // getCpuLoad: the whole machine's load since the previous call (negative when not available)
        DoubleSupplier machine = () -> {
            double load = os.getCpuLoad();
            return load < 0 ? Double.NaN : 100 * load;
        };
        return new BenchHealth(System.nanoTime(), os::getProcessCpuTime, gc, observerBusyNanos, windowTimerLagP99Millis,
                machine, Runtime.getRuntime().availableProcessors());
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
                100.0 * (busy - windowBusy) / wall, machineCpuPercent.getAsDouble(), windowTimerLagP99Millis.getAsDouble());
        cpuMax = Math.max(cpuMax, w.cpuPercent());
        gcMax = Math.max(gcMax, w.gcPercent());
        busyMax = Math.max(busyMax, w.observerBusyPercent());
        lagMax = max(lagMax, w.timerLagP99Millis());
        machineMax = max(machineMax, w.machineCpuPercent());
        windows++;
        List<String> why = w.reasons();
        if (!why.isEmpty()) {
            saturatedWindows++;
            if (firstSaturatedAt < 0) {
                firstSaturatedAt = windowStart - startNanos;
                firstSaturatedWhy = String.join(", ", why);
            }
        }
        last = w;
        windowStart = nowNanos;
        windowCpu = cpu;
        windowGc = gc;
        windowBusy = busy;
        endNanos = nowNanos;
        endCpu = cpu;
    }

    private static double max(double soFar, double v) {
        return Double.isNaN(v) ? soFar : Double.isNaN(soFar) ? v : Math.max(soFar, v);
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
        m.put("bench.machineCpu.max", machineMax);
        m.put("bench.timerLag.windowMax", lagMax);
        m.put("bench.windows", (double) windows);
        m.put("bench.saturatedWindows", (double) saturatedWindows);
        m.put("bench.saturated", reasons(timerLagP99Millis).isEmpty() ? 0.0 : 1.0);
        return m;
    }

    /** Why the bench's figures are not to be trusted; empty when they are. */
    public synchronized List<String> reasons(double timerLagP99Millis) {
        List<String> why = new ArrayList<>();
        if (timerLagP99Millis > TIMER_LAG_P99_MILLIS) {
            why.add(String.format(Locale.ROOT, "camera timer lag p99 %.0f ms > %.0f ms", timerLagP99Millis, TIMER_LAG_P99_MILLIS));
        }
        if (saturatedWindows > 0) {
            why.add(String.format(Locale.ROOT, "%d of %d windows, the first at %ds wall: %s", saturatedWindows, windows,
                    firstSaturatedAt / 1_000_000_000L, firstSaturatedWhy));
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
