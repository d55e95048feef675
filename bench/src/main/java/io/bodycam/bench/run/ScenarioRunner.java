package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.metrics.CommandCounter;
import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.metrics.InputLog;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.metrics.RunMeters;
import io.bodycam.bench.metrics.BenchHealth;
import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.run.record.MetricsEndpoint;
import io.bodycam.bench.run.record.RunRecorder;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.security.ImpostorRun;
import io.bodycam.bench.timeline.FaultInjector;
import io.bodycam.bench.timeline.FirmwareRollouts;
import io.bodycam.bench.timeline.Phases;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.SimClock;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one scenario end to end, in steps: starts the backend ({@link RunBackend}: embedded, or an
 * external one) and connects the fleet observer, builds the fleet, puts the timeline on the cameras'
 * schedulers ({@link RunBackstage} carries out what it asks of the backend), watches until the run is
 * over ({@link Watch}), judges it ({@link Judge}: the evidence ledger, the metrics, the assertions) and
 * writes the run record. What is built from the record (the console summary, junit.xml, report.html)
 * is the caller's.
 *
 * <p>Time is injected ({@link Timing}): a real run follows the wall clock at the scenario's speed and
 * looks at the fleet once a wall second; a test can hand in a clock it holds and step it on each tick.
 */
public final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** How long the end of a run waits for the observer to handle the messages it had received. */
    private static final Duration OBSERVER_SETTLE = Duration.ofSeconds(30);

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
     * @param ui           where to serve the live dashboard during the run, or null for nowhere
     * @param control      where to serve the control API (faults by hand, camera actions), or null for nowhere;
     *                     with one, every fleet group talks through its own fault proxies
     * @param startAt      the wall instant the run's virtual start falls on, which the run waits for once ready
     *                     (shards of one run given the same instant share one timeline), or null for as soon as ready
     * @param inputLog     whether each camera writes down its inputs ({@code inputs.jsonl}, for {@code bodycam replay};
     *                     docs/reproduce.md#the-input-log)
     */
    public record Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                          InetSocketAddress metrics, Shard shard, Endpoint ui, Endpoint control, Instant startAt,
                          boolean inputLog) {

        /** With the input log. */
        public Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                       InetSocketAddress metrics, Shard shard, Endpoint ui, Endpoint control, Instant startAt) {
            this(out, runsDir, scenarioText, console, tty, threads, metrics, shard, ui, control, startAt, true);
        }

        /** Starting as soon as ready. */
        public Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                       InetSocketAddress metrics, Shard shard, Endpoint ui, Endpoint control) {
            this(out, runsDir, scenarioText, console, tty, threads, metrics, shard, ui, control, null);
        }

        /** Without a dashboard or a control API, starting as soon as ready. */
        public Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                       InetSocketAddress metrics, Shard shard) {
            this(out, runsDir, scenarioText, console, tty, threads, metrics, shard, null, null, null);
        }

        boolean live() {
            return ui != null || control != null;
        }
    }

    /** What a run ended with. */
    public record Result(int exitCode, Path dir, String message) {
    }

    private ScenarioRunner() {
    }

    /** A run may be this late for its shared start ({@link Options#startAt}) and still keep in step. */
    static final long LATE_START_MILLIS = 1_000;

    /** Runs on wall time at the scenario's clock speed, from the shared start when the options name one. */
    public static Result run(Scenario scenario, Options options) {
        return run(scenario, options, options.startAt() == null ? Timing.wall() : Timing.wallFrom(options.startAt()));
    }

    /** Runs with the given clock and watch pace. */
    public static Result run(Scenario scenario, Options options, Timing timing) {
        Optional<String> refusal = refusal(scenario);
        if (refusal.isPresent()) {
            return new Result(BAD_INPUT, null, refusal.get());
        }
        Path dir = folder(scenario, options);
        RunRecorder record;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunRecord.SCENARIO), options.scenarioText(), StandardCharsets.UTF_8);
            record = new RunRecorder(dir, scenario, options.shard()::contains);
        } catch (IOException e) {
            return new Result(CANNOT_RUN, dir, "cannot write the run folder " + dir + ": " + e.getMessage());
        }
        Recorder lag = new Recorder(3_600_000_000L, 3);
        long start = scenario.start() != null ? scenario.start().toEpochMilli()
                : options.startAt() != null ? options.startAt().toEpochMilli() : System.currentTimeMillis();
        SimClock clock = timing.clock().start(start, scenario.clockSpeed(),
                record.tapTimerLag(nanos -> lag.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L)))));
        Mp4Studio studio;
        try {
            studio = VideoRun.open(scenario, dir, options.console());
        } catch (IOException | RuntimeException e) {
            record.close();
            return new Result(CANNOT_RUN, dir, "cannot open the clip library for mp4: " + describe(e));
        }
        MetricsEndpoint endpoint = null;
        RunBackend backend = null;
        try {
            endpoint = options.metrics() == null ? null : startEndpoint(options);
            backend = RunBackend.start(scenario, clock, dir, options.console());
            return new Run(scenario, options, timing, dir, clock, start, lag, record, endpoint, studio, backend).play();
        } catch (RuntimeException e) {
            log.debug("run failed", e);
            return new Result(CANNOT_RUN, dir, "the run could not be carried out: " + describe(e));
        } finally {
            record.close();
            if (endpoint != null) {
                endpoint.close();
            }
            if (backend != null) {
                backend.close();
            }
            if (studio != null) {
                studio.close();
            }
        }
    }

    /** Why this runner cannot carry a valid scenario out, if it cannot: checked before anything starts. */
    public static Optional<String> refusal(Scenario scenario) {
        if (scenario.clockMode() == Scenario.ClockMode.SIMULATED) {
            return Optional.of("clock.mode simulated runs on SimulatedRun (bodycam run takes it there), not on real sockets");
        }
        return FaultInjector.refusal(scenario).or(() -> FirmwareRollouts.refusal(scenario));
    }

    private static Path folder(Scenario scenario, Options options) {
        if (options.out() != null) {
            return options.out();
        }
        Shard shard = options.shard();
        return options.runsDir().resolve(scenario.name() + "-" + LocalDateTime.now().format(FOLDER_TIME)
                + (shard.whole() ? "" : "-shard" + shard.index() + "of" + shard.count()));
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

    /** One run in progress, against a backend already started: the steps after the first. */
    private static final class Run {
        private final Scenario scenario;
        private final Options options;
        private final Timing timing;
        private final Path dir;
        private final SimClock clock;
        private final long virtualStart;
        private final Recorder lag;
        private final RunRecorder record;
        private final MetricsEndpoint endpoint;
        private final Mp4Studio studio;
        private final RunBackend backend;
        private final CommandCounter commands = new CommandCounter();
        private final RecoveryTracker recovery = new RecoveryTracker();
        private final OfflineDetection offline;
        private long wallStart = System.nanoTime();

        Run(Scenario scenario, Options options, Timing timing, Path dir, SimClock clock, long virtualStart, Recorder lag,
            RunRecorder record, MetricsEndpoint endpoint, Mp4Studio studio, RunBackend backend) {
            this.scenario = scenario;
            this.options = options;
            this.timing = timing;
            this.dir = dir;
            this.clock = clock;
            this.virtualStart = virtualStart;
            this.lag = lag;
            this.record = record;
            this.endpoint = endpoint;
            this.studio = studio;
            this.backend = backend;
            this.offline = new OfflineDetection(scenario.clockSpeed());
        }

        Result play() {
            TopicScheme topics = scenario.backend().profile().topics();
            FleetObserver observer = options.shard().whole()
                    ? new FleetObserver(backend.mqtt().toString(), "+", clock, topics)
                    : FleetObserver.ofCameras(backend.mqtt().toString(), "+", clock, Slot.share(scenario, options.shard()),
                            topics);
            ObserverAccess.give(observer, scenario.backend());
            observer.schemaCheck(scenario.schemaCheck());
            try {
                observer.start();
            } catch (IOException e) {
                return new Result(CANNOT_RUN, dir, "cannot connect the observer to the broker at " + backend.mqtt() + ": "
                        + e.getMessage());
            }
            observer.onPresence(offline);
            observer.onPresence(recovery);
            try (EventLog events = new EventLog(dir.resolve(RunRecord.EVENTS));
                 InputLog inputs = options.inputLog() ? new InputLog(dir.resolve(RunRecord.INPUTS)) : null) {
                Judge.Verdict verdict = observed(observer, events, inputs);
                return new Result(verdict.passed() ? PASSED : ASSERTION_FAILED, dir,
                        verdict.passed() ? "passed" : "an assertion failed");
            } catch (IOException e) {
                return new Result(CANNOT_RUN, dir, "cannot write the run record in " + dir + ": " + e.getMessage());
            } finally {
                observer.close();
            }
        }

        /**
         * Builds the fleet, schedules the timeline, watches, judges and writes the record's end files.
         *
         * @param events the run's event log, whose wall-clock origin is set when the timeline begins
         * @param inputs where the cameras write down their inputs; null: nowhere
         */
        private Judge.Verdict observed(FleetObserver observer, EventLog events, InputLog inputs) throws IOException {
            RunCollector collector = new RunCollector(events);
            Judge.Verdict verdict;
            Watch.Outcome outcome;
            AtomicReference<RunLiveFleet> live = new AtomicReference<>();
            try (FaultInjector faults = new FaultInjector(scenario, clock, backend.mqtt(), backend.upload(),
                    backend.embedded(), recovery, offline, options.control() != null);
                 Fleet fleet = new Fleet(scenario, options.shard(), routes(faults), clock, Transport.best(),
                         options.threads(), e -> {
                     collector.onEvent(e);
                     record.onEvent(e);
                     offline.onEvent(e);
                     recovery.onEvent(e);
                     if (backend.view() instanceof CameraProofView proofs) {
                         proofs.onEvent(e);
                     }
                     RunLiveFleet l = live.get();
                     if (l != null) {
                         l.onEvent(e);
                     }
                 }, studio, inputs);
                 RunBackstage backstage = new RunBackstage(observer, commands, recovery, faults, backend.embedded(),
                         scenario.payloadScale(), fleet.members())) {
                options.console().printf("%d cameras%s, %s virtual at speed %s, record in %s%n", fleet.members().size(),
                        options.shard().whole() ? "" : " (shard " + options.shard() + " of " + scenario.cameraCount() + ")",
                        Progress.clock(scenario.duration().toMillis()), scenario.clockSpeed(), dir);
                long start = options.startAt() == null ? clock.now() : sharedStart();
                events.timelineStarts();
                long startedAt = System.currentTimeMillis() - Math.round((clock.now() - start) / clock.speed());
                Snapshot.Taker taker = new Snapshot.Taker(observer, collector, commands, lag);
                BenchHealth health = BenchHealth.ofThisProcess(observer::busyNanos, taker::timerLagWindowP99Millis);
                Phases phases = new Phases(scenario.timeline(), start, fleet.members().get(0).camera().scheduler(), taker);
                if (options.live()) {
                    live.set(new RunLiveFleet(scenario, clock, fleet, observer, collector, record, faults,
                            backend.reference().map(b -> b.evidence().faults()).orElse(null)));
                }
                long timelineEnd = Timeline.schedule(scenario.timeline(), Slot.roster(scenario), fleet.members(),
                        scenario.seed(), start, fleet.station(), backstage);
                // one shard (the first) plays the impostors, so a merged record counts each attempt once
                Optional<ImpostorRun> impostors = options.shard().index() == 0 ? ImpostorRun.of(scenario, backend.mqtt(), backend.upload()) : Optional.empty();
                impostors.ifPresent(i -> i.schedule(fleet.members().get(0).camera().scheduler(), start));
                RunMeters meters = meters(observer, collector);
                Progress progress = new Progress(options.console(), options.tty(), scenario.duration().toMillis(),
                        fleet.members().size());
                outcome = watch(new Watch(scenario, clock, fleet, observer, record, meters, taker, phases, progress, health, start,
                        timelineEnd, wallStart, s -> {
                    RunLiveFleet l = live.get();
                    if (l != null) {
                        l.cameras().look(s);
                    }
                }), live.get(), faults);
                if (outcome.aborted()) {
                    options.console().println("bodycam: " + outcome.endReason());
                }
                if (!observer.settle(OBSERVER_SETTLE)) {
                    options.console().println("bodycam: the observer had not handled every message it received "
                            + OBSERVER_SETTLE.toSeconds() + " s after the run ended; its figures miss the rest");
                }
                Files.writeString(dir.resolve(RunMeters.FILE), meters.scrape(), StandardCharsets.UTF_8);
                Map<String, Double> security = impostors.map(this::security).orElse(Map.of());
                Judge.Parts parts = new Judge.Parts(scenario, options.shard(), fleet, observer, collector, record, taker,
                        phases, faults, offline, recovery, health, startedAt, security);
                EvidenceProof proof = EvidenceProof.of(backend, collector.ledger(), fleet.members(), scenario.video() != null,
                        options.console());
                verdict = Judge.judge(parts, outcome, proof, clock.now(), clock.now() - start,
                        System.nanoTime() - wallStart);
            }
            RecordFiles.write(dir, scenario, verdict.metrics(), verdict.notes(), verdict.results(), verdict.evidence(),
                    outcome.endReason(), options.shard());
            return verdict;
        }

        /** Waits for the impostors' attempts, prints each, and gives their {@code security.*} metrics. */
        private Map<String, Double> security(ImpostorRun impostors) {
            try (impostors) {
                Map<String, Double> metrics = impostors.finish();
                impostors.attempts().forEach(a -> options.console().printf("impostor %-10s against %s: %s%n",
                        a.kind().yamlName(), a.victim(), a.accepted() ? "ACCEPTED, " + a.detail() : a.detail()));
                return metrics;
            }
        }

        /**
         * Waits on the runner's thread (no event loop) until the shared start, and returns it in virtual
         * time; refuses a start that passed while this run got ready, whose timeline would lag the others'.
         */
        private long sharedStart() {
            Instant at = options.startAt();
            long late = System.currentTimeMillis() - at.toEpochMilli();
            if (late > LATE_START_MILLIS) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "the shared start %s passed %.1f s "
                        + "before this run was ready (backend connected, %d cameras built): its timeline would lag the "
                        + "other shards'; give a later --start-at", at, late / 1000.0, scenario.cameraCount()));
            }
            options.console().printf("ready; waiting for the shared start at %s (in %.1f s)%n", at, -late / 1000.0);
            try {
                for (long wait = -late; wait > 0; wait = at.toEpochMilli() - System.currentTimeMillis()) {
                    Thread.sleep(Math.min(wait, 10_000));
                    long left = at.toEpochMilli() - System.currentTimeMillis();
                    if (left > 0) {
                        options.console().printf("  %.0f s to the shared start%n", left / 1000.0);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the shared start", e);
            }
            wallStart = System.nanoTime();
            return virtualStart;
        }

        /** Watches the run, serving the dashboard and the control API meanwhile when asked. */
        @SuppressWarnings("try") // the endpoints are held open by the try only: they serve while the run is watched
        private Watch.Outcome watch(Watch watch, RunLiveFleet live, FaultInjector faults) {
            if (live == null) {
                return watch.until(timing.ticker());
            }
            try (LiveEndpoints served = LiveEndpoints.start(live.cameras(), options.ui(), options.control(), faults.proxies(),
                    backend.reference().map(b -> b.evidence().faults()).orElse(null), options.console())) {
                return watch.until(timing.ticker());
            }
        }

        /** The run's meters, fed to the record and served to Prometheus when asked. */
        private RunMeters meters(FleetObserver observer, RunCollector collector) throws IOException {
            RunMeters meters = new RunMeters(observer, collector, commands);
            VideoRun.bind(meters.registry(), studio);
            record.start(observer, meters.registry());
            if (endpoint != null) {
                endpoint.serve(meters.registry());
            }
            return meters;
        }

        /** Where each group's cameras connect: through its fault proxies when the run has them. */
        private Fleet.Routes routes(FaultInjector faults) {
            URI mqtt = backend.mqtt();
            URI upload = backend.upload();
            String key = backend.firmwareKey();
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
