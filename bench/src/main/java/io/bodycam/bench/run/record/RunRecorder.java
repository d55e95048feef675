package io.bodycam.bench.run.record;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.record.RunRecord;
import io.bodycam.record.files.LatencyKind;
import io.bodycam.record.files.LatencyLogs;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.time.TimerLagListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Writes the parts of the run record that follow the run second by second (docs/design.md#run-record):
 * {@code timeseries.jsonl}, the HdrHistogram interval logs under {@code latency/}, {@code gps.jsonl},
 * the roster {@code devices.jsonl} and, at the end, the full evidence ledger {@code evidence.jsonl}.
 * It listens to every camera's events, looks at the fleet once a wall second ({@link #look}), and adds
 * its live meters to the run's registry (documented in {@code docs/metrics.md}).
 *
 * <pre>{@code
 * RunRecorder record = new RunRecorder(dir, scenario, shard::contains);
 * WallClock clock = WallClock.startingAt(start, speed, record.tapTimerLag(lag::record));
 * record.start(observer, registry);          // before the fleet powers on
 * record.look(virtualMs, fleet.snapshots()); // once a wall second
 * record.finish(ledger, ledgerCheck);        // writes evidence.jsonl, closes the files
 * }</pre>
 */
public final class RunRecorder implements CameraListener, AutoCloseable {

    private static final long MAX_LAG_MICROS = 3_600_000_000L;

    private final Path dir;
    private final EventTally tally = new EventTally();
    private final Recorder timerLag = new Recorder(MAX_LAG_MICROS, 3);
    private FleetObserver observer;
    private MeterRegistry registry;
    private LatencyLogs latency;
    private TimeSeriesFile series;
    private GpsTrackLog gps;
    private long startNanos;
    private volatile FleetLook lastLook;
    private volatile FleetStats lastStats;
    private boolean closed;

    /**
     * Writes the roster of the cameras this run plays ({@code plays} tests a 1-based fleet index: a
     * shard's own cameras); the files that follow the run open at {@link #start}.
     */
    public RunRecorder(Path dir, Scenario scenario, IntPredicate plays) throws IOException {
        this.dir = dir;
        RosterFile.write(dir.resolve(RunRecord.DEVICES), scenario, plays);
    }

    /** A timer-lag listener that feeds the record's log, then {@code inner}. */
    public TimerLagListener tapTimerLag(TimerLagListener inner) {
        return nanos -> {
            timerLag.recordValue(Math.max(0, Math.min(nanos / 1000, MAX_LAG_MICROS)));
            inner.timerFired(nanos);
        };
    }

    /**
     * Opens the time series, the latency logs and the GPS track log (time zero is now), and registers
     * the recorder's meters in {@code registry}, whose {@code bodycam.commands.*} counters it reads.
     */
    public synchronized void start(FleetObserver observer, MeterRegistry registry) throws IOException {
        this.observer = observer;
        this.registry = registry;
        this.startNanos = System.nanoTime();
        this.lastStats = observer.stats();
        latency = new LatencyLogs(dir, System.currentTimeMillis());
        for (TopicKind k : TopicKind.values()) {
            latency.addCumulative(latencyKind(k), () -> observer.latency(k));
        }
        latency.addCumulative(LatencyKind.COMMAND_RTT, observer::commandRoundTrip);
        latency.add(LatencyKind.RECORD_TO_VERIFIED, tally.recordToVerified);
        latency.add(LatencyKind.TIMER_LAG, timerLag);
        series = new TimeSeriesFile(dir.resolve(RunRecord.TIMESERIES));
        gps = new GpsTrackLog(dir.resolve(RunRecord.GPS));
        registerMeters(registry);
    }

    @Override
    public void onEvent(CameraEvent event) {
        tally.onEvent(event);
    }

    /**
     * Records one look at the fleet: a line of the time series, each latency's interval, new GPS
     * reports. Call it about once a wall second from one thread.
     */
    public synchronized FleetLook look(long virtualMs, List<CameraSnapshot> snapshots) {
        long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
        FleetLook now = FleetLook.of(wallMs, virtualMs, observer.onlineCount(), snapshots);
        FleetStats stats = observer.stats();
        try {
            series.write(now, stats, totals());
            latency.look(System.currentTimeMillis());
            gps.look(observer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + dir, e);
        }
        lastLook = now;
        lastStats = stats;
        return now;
    }

    /** The metrics that can be measured while the run goes on, under their catalogue names. */
    public Map<String, Double> liveMetrics() {
        return LiveMetrics.of(observer, lastStats, totals());
    }

    /** Writes {@code evidence.jsonl}, the full ledger with every segment's outcome, and closes the record's files. */
    public synchronized void finish(DeviceLedger ledger, LedgerCheck.Result check) throws IOException {
        EvidenceFile.write(dir.resolve(RunRecord.EVIDENCE), ledger, check, tally);
        close();
    }

    @Override
    public synchronized void close() {
        if (closed || series == null) {
            closed = true;
            return;
        }
        closed = true;
        latency.look(System.currentTimeMillis());
        latency.close();
        try {
            series.close();
            gps.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the run record in " + dir, e);
        }
    }

    private TimeSeriesFile.Totals totals() {
        return new TimeSeriesFile.Totals(tally.uploadBytes.sum(), tally.uploadsCompleted.sum(), tally.uploadsFailed.sum(),
                tally.segmentsClosed.sum(), tally.recordingsStarted.sum(), tally.errors.sum(),
                counter("bodycam.commands.sent"), counter("bodycam.commands.acked"), counter("bodycam.commands.failed"));
    }

    private long counter(String name) {
        FunctionCounter c = registry == null ? null : registry.find(name).functionCounter();
        return c == null ? 0 : (long) c.count();
    }

    private void registerMeters(MeterRegistry r) {
        Gauge.builder("bodycam.devices.recording", this, x -> x.lastLook == null ? 0 : x.lastLook.recording())
                .description("cameras recording").register(r);
        Gauge.builder("bodycam.devices.uploading", this, x -> x.lastLook == null ? 0 : x.lastLook.uploading())
                .description("docked cameras uploading or verifying a segment").register(r);
        for (TopicKind k : TopicKind.values()) {
            FunctionCounter.builder("bodycam.mqtt.messages", this, x -> x.lastStats.received(k)).tag("kind", name(k))
                    .description("messages the observer received, per topic kind").register(r);
        }
        FunctionCounter.builder("bodycam.camera.errors", tally, t -> t.errors.sum())
                .description("error events the cameras reported").register(r);
        for (TopicKind k : TopicKind.values()) {
            for (String q : List.of("p50", "p99", "max")) {
                Gauge.builder("bodycam.mqtt.latency", observer, o -> quantile(o.latencySummary(k), q))
                        .tags("kind", name(k), "quantile", q).baseUnit("milliseconds")
                        .description("wall latency from camera to observer since the start, per topic kind").register(r);
            }
        }
        for (String q : List.of("p50", "p99", "max")) {
            Gauge.builder("bodycam.commands.rtt", observer, o -> quantile(o.commandRoundTripSummary(), q))
                    .tag("quantile", q).baseUnit("milliseconds").description("command round trip since the start").register(r);
        }
    }

    private static double quantile(LatencySummary s, String q) {
        if (s.count() == 0) {
            return Double.NaN;
        }
        return switch (q) {
            case "p50" -> s.p50Millis();
            case "p99" -> s.p99Millis();
            default -> s.maxMillis();
        };
    }

    static LatencyKind latencyKind(TopicKind k) {
        return switch (k) {
            case STATUS -> LatencyKind.STATUS;
            case STATE -> LatencyKind.STATE;
            case GPS -> LatencyKind.GPS;
            case EVENTS -> LatencyKind.EVENTS;
            case ACK -> LatencyKind.ACK;
        };
    }

    /** A topic kind's name in metric names: its suffix, {@code ack} for {@code cmd/ack}. */
    static String name(TopicKind k) {
        return k == TopicKind.ACK ? "ack" : k.suffix();
    }
}
