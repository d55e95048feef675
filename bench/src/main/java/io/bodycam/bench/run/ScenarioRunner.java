package io.bodycam.bench.run;

import io.bodycam.bench.assertions.AssertionResult;
import io.bodycam.bench.backend.HttpBackendView;
import io.bodycam.bench.backend.ReferenceBackend;
import io.bodycam.bench.backend.observer.FleetObserver;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.reports.ConsoleSummary;
import io.bodycam.reports.JunitXmlReport;
import io.bodycam.reports.RunRecord;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.camera.DockPhase;
import io.bodycam.sim.camera.Mode;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.time.WallClock;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs one scenario end to end: starts the backend (embedded, or connects to an external one) and the
 * fleet observer, builds the fleet, puts the timeline on the cameras' schedulers, watches until the
 * run is over, then checks the evidence ledger, evaluates the assertions and writes the run record.
 *
 * <p>A run is over at the scenario's {@code duration}, or earlier once the timeline has played and
 * every camera is docked and idle with nothing left to upload (or switched off).
 */
public final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Exit codes of {@code bodycam run} (DESIGN.md section 5). */
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
     * @param shard        the slice of the fleet this run plays ({@link Shard#WHOLE}: all of it)
     */
    public record Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads,
                          Shard shard) {
        public Options(Path out, Path runsDir, String scenarioText, PrintWriter console, boolean tty, int threads) {
            this(out, runsDir, scenarioText, console, tty, threads, Shard.WHOLE);
        }
    }

    /** What a run ended with. */
    public record Result(int exitCode, Path dir, String message) {
    }

    private ScenarioRunner() {
    }

    public static Result run(Scenario scenario, Options options) {
        Path dir = options.out() != null ? options.out()
                : options.runsDir().resolve(scenario.name() + "-" + LocalDateTime.now().format(FOLDER_TIME)
                        + (options.shard().whole() ? "" : "-shard" + options.shard().index() + "of" + options.shard().count()));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunRecord.SCENARIO), options.scenarioText(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(CANNOT_RUN, dir, "cannot write the run folder " + dir + ": " + e.getMessage());
        }
        Recorder lag = new Recorder(3_600_000_000L, 3);
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), scenario.clockSpeed(),
                nanos -> lag.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L))));
        ReferenceBackend embedded = null;
        try {
            URI mqtt;
            URI upload;
            BackendView backendView;
            if (scenario.backend().embedded()) {
                options.console().println("starting the embedded reference backend (MQTT broker, evidence server) ...");
                embedded = ReferenceBackend.start(clock);
                mqtt = embedded.mqtt();
                upload = embedded.upload();
                backendView = embedded;
            } else {
                mqtt = scenario.backend().mqtt();
                upload = scenario.backend().upload();
                backendView = new HttpBackendView(upload);
            }
            return runAgainst(scenario, options, dir, clock, lag, mqtt, upload, backendView);
        } catch (RuntimeException e) {
            log.debug("run failed", e);
            return new Result(CANNOT_RUN, dir, "the run could not be carried out: " + describe(e));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Result runAgainst(Scenario scenario, Options options, Path dir, WallClock clock, Recorder lag,
                                     URI mqtt, URI upload, BackendView backendView) {
        FleetObserver observer = new FleetObserver(mqtt.toString(), "+", clock);
        try {
            observer.start();
        } catch (IOException e) {
            return new Result(CANNOT_RUN, dir, "cannot connect the observer to the broker at " + mqtt + ": " + e.getMessage());
        }
        ExecutorService commandSender = Executors.newSingleThreadExecutor(r -> new Thread(r, "bodycam-commands"));
        CommandCounter commands = new CommandCounter();
        try (EventLog events = new EventLog(dir.resolve(RunRecord.EVENTS))) {
            RunCollector collector = new RunCollector(events);
            long wallStart = System.nanoTime();
            Watch watch;
            Map<String, Double> metrics;
            List<AssertionResult> results;
            LedgerCheck.Result evidence;
            try (Fleet fleet = new Fleet(scenario, options.shard(), mqtt, upload, clock, Transport.best(), options.threads(),
                    collector)) {
                options.console().printf("%d cameras%s, %s virtual at speed %s, record in %s%n", fleet.members().size(),
                        options.shard().whole() ? "" : " (shard " + options.shard() + " of " + scenario.cameraCount() + ")",
                        Progress.clock(scenario.duration().toMillis()), scenario.clockSpeed(), dir);
                long start = clock.now();
                long timelineEnd = Timeline.schedule(scenario.timeline(), fleet.members(), scenario.cameraCount(),
                        scenario.seed(), start,
                        (m, type, params) -> commandSender.execute(() -> commands.send(observer, m, type, params)));
                RunMeters meters = new RunMeters(observer, collector, commands);
                watch = watch(scenario, options, fleet, observer, meters, clock, start, timelineEnd, wallStart);
                Files.writeString(dir.resolve(RunMeters.FILE), meters.scrape(), StandardCharsets.UTF_8);
                List<CameraSnapshot> snapshots = fleet.snapshots();
                evidence = LedgerCheck.check(collector.ledger(), stillOnCamera(snapshots), backendView);
                metrics = Metrics.collect(scenario, watch, fleet.mqttTotals(), observer, commands, collector, evidence, lag,
                        System.nanoTime() - wallStart, clock.now() - start);
                metrics.put("devices.configured", (double) fleet.members().size());
                results = AssertionResult.evaluate(scenario.assertions(), metrics);
            }
            RecordFiles.write(dir, scenario, metrics, results, evidence, watch.endReason(), options.shard());
        } catch (IOException e) {
            return new Result(CANNOT_RUN, dir, "cannot write the run record in " + dir + ": " + e.getMessage());
        } finally {
            commandSender.shutdownNow();
            observer.close();
        }
        RunRecord record = RunRecord.open(dir);
        JunitXmlReport.write(record);
        options.console().print(ConsoleSummary.render(record));
        options.console().flush();
        return new Result(record.passed() ? PASSED : ASSERTION_FAILED, dir, record.passed() ? "passed" : "an assertion failed");
    }

    /** What the watch loop saw. */
    record Watch(double allConnectedAfterMillis, int onlineAtEnd, String endReason) {
    }

    private static Watch watch(Scenario scenario, Options options, Fleet fleet, FleetObserver observer, RunMeters meters,
                               WallClock clock, long start, long timelineEnd, long wallStart) {
        Progress progress = new Progress(options.console(), options.tty(), scenario.duration().toMillis(), fleet.members().size());
        double allConnectedAfter = Double.NaN;
        String reason;
        while (true) {
            sleepOneTick();
            long wall = (System.nanoTime() - wallStart) / 1_000_000;
            long virtual = clock.now() - start;
            if (Double.isNaN(allConnectedAfter) && observer.onlineCount() >= fleet.members().size()) {
                allConnectedAfter = wall;
            }
            progress.tick(wall, virtual, meters);
            if (virtual >= scenario.duration().toMillis()) {
                reason = "duration reached";
                break;
            }
            if (clock.now() >= timelineEnd && drained(fleet.snapshots())) {
                reason = "timeline over, every camera docked and idle or off";
                break;
            }
        }
        progress.done();
        return new Watch(allConnectedAfter, observer.onlineCount(), reason);
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

    static boolean drained(List<CameraSnapshot> snapshots) {
        return snapshots.stream().allMatch(s -> s.mode() == Mode.OFF
                || s.mode() == Mode.DOCKED && s.dockPhase() == DockPhase.IDLE && s.stored().isEmpty());
    }

    private static Map<String, Set<String>> stillOnCamera(List<CameraSnapshot> snapshots) {
        Map<String, Set<String>> map = new HashMap<>();
        for (CameraSnapshot s : snapshots) {
            map.put(s.deviceId(), s.stored().stream().map(SegmentManifest::segmentId).collect(Collectors.toSet()));
        }
        return map;
    }

    private static String describe(Throwable e) {
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
