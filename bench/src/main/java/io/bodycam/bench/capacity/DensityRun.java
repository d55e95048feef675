package io.bodycam.bench.capacity;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.timeline.Timeline.Backstage;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.WallClock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A density benchmark: N cameras that only connect and report (status every {@code status}, GPS every
 * {@code gps}), held for a measurement window after all are connected. Prints one {@code RESULT} line
 * in the same terms as the baselines in {@code benchmarks/baselines} (achieved msg/s, timer lag, CPU,
 * RSS), so the two can be compared in one run.
 */
public final class DensityRun {

    /**
     * @param upload an HTTP endpoint for the cameras' evidence link; nothing is recorded, so it is never used
     * @param tls    for an {@code mqtts://} broker: trust, the cameras' certificates and the provider; null otherwise
     */
    public record Settings(int cameras, Duration ramp, Duration window, Duration status, Duration gps, URI mqtt, URI upload,
                           int threads, boolean observe, BackendTls tls) {
    }

    private DensityRun() {
    }

    public static int run(Settings s, PrintWriter out) throws IOException, InterruptedException {
        Duration total = s.ramp().plus(s.window()).plus(Duration.ofMinutes(5));
        Scenario scenario = Scenario.builder("density").description("connect and report only").duration(total)
                .backend(Backend.external(s.mqtt(), s.upload(), Backend.MqttVersion.V3_1_1).withTls(s.tls()))
                .group(FleetGroup.builder("density").count(s.cameras()).idPattern("DEN-{index:00000}").agency("bench")
                        .camera(b -> b.heartbeat(s.status()).gpsIntervals(s.gps(), s.gps()).gpsLossesPerHour(0))
                        .behaviour(Behaviour.builder().incidentsPerHour(0).build()).build())
                .event(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()).over(s.ramp()))
                .build();
        Recorder lag = new Recorder(3_600_000_000L, 3);
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), 1.0,
                nanos -> lag.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L))));
        FleetObserver observer = s.observe() ? new FleetObserver(s.mqtt().toString(), "bench", clock) : null;
        if (observer != null) {
            observer.start();
        }
        try (EventLog events = new EventLog(Files.createTempFile("density-events", ".jsonl"));
             Fleet fleet = new Fleet(scenario, Fleet.Routes.direct(s.mqtt(), s.upload()), clock, Transport.best(), s.threads(), new RunCollector(events))) {
            long t0 = System.nanoTime();
            long connectCpu0 = processCpuNanos();
            Timeline.schedule(scenario.timeline(), fleet.members(), 1, clock.now(), fleet.station(), Backstage.NONE);
            long deadline = t0 + s.ramp().plusSeconds(120).toNanos();
            int connected = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                // the window opens once every camera is connected and booted, reporting at its full rate
                connected = (int) fleet.snapshots().stream()
                        .filter(c -> c.connected() && c.mode() == io.bodycam.sim.state.Mode.READY_BUFFERING).count();
                if (connected >= s.cameras()) {
                    break;
                }
            }
            long connectMs = (System.nanoTime() - t0) / 1_000_000;
            double connectCpu = (processCpuNanos() - connectCpu0) / 1e9;
            out.printf("CONNECT approach=bodycam-camera n=%d ok=%d ms=%d transport=%s tls=%s cpu_s=%.2f cpu_ms_per_camera=%.2f%n",
                    s.cameras(), connected, connectMs, Transport.best(), tlsName(s), connectCpu, 1000 * connectCpu / Math.max(1, connected));
            lag.getIntervalHistogram();
            long published0 = fleet.mqttTotals().published();
            long received0 = observer == null ? 0 : observer.stats().receivedTotal();
            long cpu0 = processCpuNanos();
            long w0 = System.nanoTime();
            long maxRss = 0;
            for (long i = 0; i < s.window().toSeconds(); i++) {
                Thread.sleep(1000);
                maxRss = Math.max(maxRss, rssKb());
            }
            double seconds = (System.nanoTime() - w0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            long published = fleet.mqttTotals().published() - published0;
            long received = observer == null ? 0 : observer.stats().receivedTotal() - received0;
            Histogram h = lag.getIntervalHistogram();
            double intended = s.cameras() * (1.0 / s.status().toMillis() + 1.0 / s.gps().toMillis()) * 1000;
            int cores = Runtime.getRuntime().availableProcessors();
            out.printf("RESULT approach=bodycam-camera n=%d connected=%d window_s=%.1f intended_msg_s=%.0f achieved_msg_s=%.1f "
                            + "observed_msg_s=%.1f lag_p50_ms=%.2f lag_p99_ms=%.2f lag_max_ms=%.2f cpu_s=%.1f cpu_pct_of_%d_cores=%.1f "
                            + "cpu_us_per_msg=%.0f rss_mb_max=%.0f threads=%d%n",
                    s.cameras(), connected, seconds, intended, published / seconds, received / seconds,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                    cpu, cores, 100 * cpu / (seconds * cores), 1e6 * cpu / Math.max(1, published), maxRss / 1024.0,
                    Thread.activeCount());
            return connected >= s.cameras() ? 0 : ScenarioRunner.CANNOT_RUN;
        } finally {
            if (observer != null) {
                observer.close();
            }
        }
    }

    /** {@code none}, or the provider the cameras spoke TLS with and whether they showed certificates. */
    private static String tlsName(Settings s) {
        if (!"mqtts".equals(s.mqtt().getScheme())) {
            return "none";
        }
        BackendTls t = s.tls() == null ? new BackendTls(null, null, true) : s.tls();
        return ClientTls.provider(t.provider()).name().toLowerCase(java.util.Locale.ROOT) + (t.certs() == null ? "" : "-mutual");
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
