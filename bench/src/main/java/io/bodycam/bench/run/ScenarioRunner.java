package io.bodycam.bench.run;

import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.EvidenceLedgerView;
import io.bodycam.bench.ledger.HttpBackendView;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryMetrics;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.run.record.FleetLook;
import io.bodycam.bench.run.record.LiveVerdicts;
import io.bodycam.bench.run.record.MetricsEndpoint;
import io.bodycam.bench.run.record.RunRecorder;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.verdict.AssertionResult;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SummaryMetrics;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.video.Mp4Studio;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs one scenario end to end: starts the backend (embedded, or connects to an external one) and the
 * fleet observer, builds the fleet, puts the timeline on the cameras' schedulers, watches until the
 * run is over, then checks the evidence ledger, evaluates the assertions and writes the run record.
 * What is built from the record (the console summary, junit.xml, report.html) is the caller's.
 *
 * <p>A run is over at the scenario's {@code duration}, earlier once the timeline has played and every
 * camera is docked and idle with nothing left to upload (or switched off) and every camera that is on
 * is connected with its QoS 1 messages delivered, or as soon as an {@code abortOnFail} assertion fails.
 */
public final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Exit codes of {@code bodycam run} (docs/design.md#exit-codes). */
    public static final int PASSED = 0;
    public static final int ASSERTION_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int CANNOT_RUN = 3;

    /**
     * How to run.
     *
     * @param out          the run folder; null for {@code runsDir/<name>-<time>}
     * @param scenarioText the scenario as written, kept in the record
     * @param threads      event loop threads for the fleet (0: one per core)
     * @param metrics      where to serve the run's meters for Prometheus (port 0: any free one), or null for nowhere
     * @param shard        the slice of the fleet this run plays ({@link Shard#WHOLE}: all of it)
     */
    public record Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                          InetSocketAddress metrics, Shard shard) {
    }

    /** What a run ended with. */
    public record Result(int exitCode, Path dir, String message) {
    }

    private ScenarioRunner() {
    }

    public static Result run(Scenario scenario, Options options) {
        Optional<String> refusal = refusal(scenario);
        if (refusal.isPresent()) {
            return new Result(BAD_INPUT, null, refusal.get());
        }
        Path dir = options.out() != null ? options.out()
                : options.runsDir().resolve(scenario.name() + "-" + LocalDateTime.now().format(FOLDER_TIME)
                        + (options.shard().whole() ? "" : "-shard" + options.shard().index() + "of" + options.shard().count()));
        RunRecorder record;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunRecord.SCENARIO), options.scenarioText(), StandardCharsets.UTF_8);
            record = new RunRecorder(dir, scenario, options.shard()::contains);
        } catch (IOException e) {
            return new Result(CANNOT_RUN, dir, "cannot write the run folder " + dir + ": " + e.getMessage());
        }
        Recorder lag = new Recorder(3_600_000_000L, 3);
        long start = scenario.start() != null ? scenario.start().toEpochMilli() : System.currentTimeMillis();
        WallClock clock = WallClock.startingAt(start, scenario.clockSpeed(),
                record.tapTimerLag(nanos -> lag.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L)))));
        ReferenceBackend embedded = null;
        MetricsEndpoint endpoint = null;
        Mp4Studio studio;
        try {
            studio = VideoRun.open(scenario, dir, options.console());
        } catch (IOException | RuntimeException e) {
            record.close();
            return new Result(CANNOT_RUN, dir, "cannot open the clip library for mp4: " + describe(e));
        }
        try {
            if (options.metrics() != null) {
                endpoint = startEndpoint(options);
            }
            URI mqtt;
            URI upload;
            BackendView backendView;
            if (scenario.backend().embedded()) {
                options.console().println("starting the embedded reference backend (MQTT broker, evidence server) ...");
                embedded = ReferenceBackend.start(clock,
                        EmbeddedBroker.builder().persistent(FaultParams.keepsBrokerSessions(scenario)),
                        VideoRun.evidenceServer(scenario, dir));
                mqtt = embedded.mqtt();
                upload = embedded.upload();
                backendView = new EvidenceLedgerView(embedded.ledger());
            } else {
                mqtt = scenario.backend().mqtt();
                upload = scenario.backend().upload();
                backendView = new HttpBackendView(upload);
            }
            return new Run(scenario, options, dir, clock, lag, embedded, record, endpoint, studio).against(mqtt, upload, backendView);
        } catch (RuntimeException e) {
            log.debug("run failed", e);
            return new Result(CANNOT_RUN, dir, "the run could not be carried out: " + describe(e));
        } finally {
            record.close();
            if (endpoint != null) {
                endpoint.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (studio != null) {
                studio.close();
            }
        }
    }

    private static MetricsEndpoint startEndpoint(Options options) {
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(options.metrics());
            options.console().println("metrics for Prometheus at " + endpoint.url());
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + options.metrics() + ": " + e.getMessage(), e);
        }
    }

    /** Why this runner cannot carry a valid scenario out, if it cannot: checked before anything starts. */
    public static Optional<String> refusal(Scenario scenario) {
        return FaultInjector.refusal(scenario).or(() -> FirmwareRollouts.refusal(scenario));
    }

    /** What the watch loop saw. */
    record Watch(double allConnectedAfterMillis, int onlineAtEnd, String endReason) {
    }

    /** One run in progress. */
    private static final class Run implements Timeline.Backstage {
        private final Scenario scenario;
        private final Options options;
        private final Path dir;
        private final WallClock clock;
        private final Recorder lag;
        private final ReferenceBackend embedded;
        private final RunRecorder record;
        private final MetricsEndpoint endpoint;
        private final Mp4Studio studio;
        private final CommandCounter commands = new CommandCounter();
        private final RecoveryTracker recovery = new RecoveryTracker();
        private final ExecutorService backstage = Executors.newSingleThreadExecutor(r -> new Thread(r, "bodycam-commands"));
        private FleetObserver observer;
        private FaultInjector faults;
        private FirmwareRollouts rollouts;
        private List<FleetMember> members;

        Run(Scenario scenario, Options options, Path dir, WallClock clock, Recorder lag, ReferenceBackend embedded,
            RunRecorder record, MetricsEndpoint endpoint, Mp4Studio studio) {
            this.studio = studio;
            this.scenario = scenario;
            this.options = options;
            this.dir = dir;
            this.clock = clock;
            this.lag = lag;
            this.embedded = embedded;
            this.record = record;
            this.endpoint = endpoint;
        }

        Result against(URI mqtt, URI upload, BackendView backendView) {
            observer = new FleetObserver(mqtt.toString(), "+", clock, Slot.watched(scenario, options.shard()));
            try {
                observer.start();
            } catch (IOException e) {
                return new Result(CANNOT_RUN, dir, "cannot connect the observer to the broker at " + mqtt + ": " + e.getMessage());
            }
            boolean passed;
            try (EventLog events = new EventLog(dir.resolve(RunRecord.EVENTS))) {
                RunCollector collector = new RunCollector(events);
                OfflineDetection offline = new OfflineDetection(scenario.clockSpeed());
                observer.onPresence(offline);
                observer.onPresence(recovery);
                long wallStart = System.nanoTime();
                Watch watch;
                Map<String, Double> metrics;
                List<AssertionResult> results;
                LedgerCheck.Result evidence;
                try (FaultInjector faults = new FaultInjector(scenario, clock, mqtt, upload, embedded, recovery, offline);
                     Fleet fleet = new Fleet(scenario, options.shard(), routes(faults, mqtt, upload,
                             embedded == null ? null : embedded.evidence().firmware().publicKey()), clock, Transport.best(),
                             options.threads(), e -> {
                    collector.onEvent(e);
                    record.onEvent(e);
                    offline.onEvent(e);
                    recovery.onEvent(e);
                }, studio)) {
                    options.console().printf("%d cameras%s, %s virtual at speed %s, record in %s%n", fleet.members().size(),
                            options.shard().whole() ? "" : " (shard " + options.shard() + " of " + scenario.cameraCount() + ")",
                            Progress.clock(scenario.duration().toMillis()), scenario.clockSpeed(), dir);
                    long start = clock.now();
                    Snapshot.Taker taker = new Snapshot.Taker(observer, collector, commands, lag);
                    Phases phases = new Phases(scenario.timeline(), start, fleet.members().get(0).camera().scheduler(), taker);
                    this.faults = faults;
                    this.members = fleet.members();
                    this.rollouts = embedded == null ? null
                            : new FirmwareRollouts(embedded.evidence().firmware(), scenario.payloadScale());
                    long timelineEnd = Timeline.schedule(scenario.timeline(), Slot.roster(scenario), fleet.members(),
                            scenario.seed(), start, fleet.station(), this);
                    RunMeters meters = new RunMeters(observer, collector, commands);
                    VideoRun.bind(meters.registry(), studio);
                    record.start(observer, meters.registry());
                    if (endpoint != null) {
                        endpoint.serve(meters.registry());
                    }
                    watch = watch(fleet, meters, taker, phases, start, timelineEnd, wallStart);
                    Files.writeString(dir.resolve(RunMeters.FILE), meters.scrape(), StandardCharsets.UTF_8);
                    List<CameraSnapshot> snapshots = fleet.snapshots();
                    evidence = LedgerCheck.check(collector.ledger(), stillOnCamera(snapshots), backendView,
                            Slot.accountable(scenario, options.shard()));
                    record.finish(collector.ledger(), evidence);
                    Snapshot end = taker.take(clock.now());
                    metrics = Metrics.collect(scenario, watch, fleet.mqttTotals(), observer, collector, evidence, end,
                            System.nanoTime() - wallStart, clock.now() - start);
                    RecoveryMetrics.put(metrics, offline, recovery);
                    metrics.putAll(faults.httpFaultMetrics());
                    collector.updates().put(metrics, snapshots, observer.devices());
                    metrics.put("devices.configured", (double) fleet.members().size());
                    results = AssertionResult.evaluate(scenario.assertions(), a -> scope(a, metrics, phases, end));
                }
                RecordFiles.write(dir, scenario, metrics, results, evidence, watch.endReason(), options.shard());
                passed = results.stream().allMatch(AssertionResult::passed);
            } catch (IOException e) {
                return new Result(CANNOT_RUN, dir, "cannot write the run record in " + dir + ": " + e.getMessage());
            } finally {
                backstage.shutdownNow();
                observer.close();
            }
            return new Result(passed ? PASSED : ASSERTION_FAILED, dir, passed ? "passed" : "an assertion failed");
        }

        /** The metrics an assertion is judged on: the whole run's, or its phase's. */
        private static Map<String, Double> scope(Assertion a, Map<String, Double> whole, Phases phases, Snapshot end) {
            if (a.during() == null) {
                return whole;
            }
            return phases.start(a.during()).map(from -> Metrics.window(from, phases.end(a.during()).orElse(end)))
                    .orElse(Map.of());
        }

        private Watch watch(Fleet fleet, RunMeters meters, Snapshot.Taker taker, Phases phases, long start, long timelineEnd,
                            long wallStart) {
            Progress progress = new Progress(options.console(), options.tty(), scenario.duration().toMillis(), fleet.members().size());
            List<Assertion> abortable = scenario.assertions().stream().filter(Assertion::abortOnFail).toList();
            double allConnectedAfter = Double.NaN;
            String reason;
            while (true) {
                sleepOneTick();
                long wall = (System.nanoTime() - wallStart) / 1_000_000;
                long virtual = clock.now() - start;
                if (Double.isNaN(allConnectedAfter) && observer.onlineCount() >= fleet.members().size()) {
                    allConnectedAfter = wall;
                }
                List<CameraSnapshot> snapshots = fleet.snapshots();
                FleetLook look = record.look(virtual, snapshots);
                progress.tick(wall, look, meters, LiveVerdicts.failedSoFar(scenario.assertions(), record.liveMetrics()).size());
                Optional<String> aborted = abortable.isEmpty() ? Optional.empty() : failing(abortable, taker.take(clock.now()), phases);
                if (aborted.isPresent()) {
                    reason = "aborted: " + aborted.get();
                    break;
                }
                if (virtual >= scenario.duration().toMillis()) {
                    reason = "duration reached";
                    break;
                }
                if (clock.now() >= timelineEnd && drained(snapshots) && fleet.telemetrySettled(snapshots)) {
                    reason = "timeline over, every camera docked and idle or off, every message delivered";
                    break;
                }
            }
            progress.done();
            if (reason.startsWith("aborted")) {
                options.console().println("bodycam: " + reason);
            }
            return new Watch(allConnectedAfter, observer.onlineCount(), reason);
        }

        /** The first abortOnFail assertion that already fails, measured so far (in its phase, once it started). */
        private static Optional<String> failing(List<Assertion> abortable, Snapshot now, Phases phases) {
            Map<String, Double> whole = Metrics.window(null, now);
            for (AssertionResult r : AssertionResult.evaluate(abortable, a -> a.during() == null ? whole
                    : phases.start(a.during()).map(from -> Metrics.window(from, phases.end(a.during()).orElse(now))).orElse(Map.of()))) {
                if (!r.passed() && r.actual() != null) {
                    return Optional.of(r.assertion().expr() + " (actual " + SummaryMetrics.format(r.actual()) + ")");
                }
            }
            return Optional.empty();
        }

        @Override
        public void command(FleetMember member, String type, Map<String, Object> params) {
            backstage.execute(() -> commands.send(observer, member, type, params));
        }

        @Override
        public void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
            backstage.execute(() -> commands.send(observer, member, "updateFirmware",
                    rollouts.offer(member, rollout, windowStart).params()));
        }

        @Override
        public void cameraFaultOver(long virtualAt) {
            recovery.faultEnded(virtualAt);
        }

        @Override
        public void fault(TimelineEvent.Fault fault, List<String> groups, long at) {
            faults.inject(fault, groups, at, members);
        }

        /** {@code key} the embedded backend's firmware key, or null (an external backend). */
        private static Fleet.Routes routes(FaultInjector faults, URI mqtt, URI upload, String key) {
            return new Fleet.Routes() {
                @Override
                public URI mqtt(String group) {
                    return faults.mqtt(group, mqtt);
                }

                @Override
                public URI upload(String group) {
                    return faults.upload(group, upload);
                }

                @Override
                public String firmwareKey() {
                    return key;
                }
            };
        }
    }

    /** The watch loop's pace: the bench's own thread waits a wall second between looks. */
    private static void sleepOneTick() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
    }

    /** Every camera off, or docked and idle with nothing to upload and no firmware update on its way. */
    static boolean drained(List<CameraSnapshot> snapshots) {
        return snapshots.stream().allMatch(s -> s.mode() == Mode.OFF
                || s.mode() == Mode.DOCKED && s.dockPhase() == DockPhase.IDLE && s.uploadable() == 0
                && s.firmwarePending() == null);
    }

    private static Map<String, Set<String>> stillOnCamera(List<CameraSnapshot> snapshots) {
        Map<String, Set<String>> map = new HashMap<>();
        for (CameraSnapshot s : snapshots) {
            map.put(s.deviceId(), s.stored().stream().map(SegmentManifest::segmentId).collect(Collectors.toSet()));
        }
        return map;
    }

    /** A failure and its causes on one line, as a run that could not be carried out reports it. */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (sb.length() > 400) {
                break;
            }
        }
        return sb.toString();
    }
}
