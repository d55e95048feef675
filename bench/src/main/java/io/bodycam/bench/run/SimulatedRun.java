package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bodycam.bench.fleet.DockStation;
import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.metrics.CommandCounter;
import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.metrics.Metrics;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryMetrics;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.bench.timeline.FirmwareRollouts;
import io.bodycam.bench.timeline.Phases;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.bench.verdict.AssertionResult;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.simnet.FirmwareHost;
import io.bodycam.sim.simnet.SimBroker;
import io.bodycam.sim.simnet.SimEvidenceStore;
import io.bodycam.sim.simnet.SimNetwork;
import io.bodycam.sim.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Recorder;

/**
 * Runs a scenario in simulated mode (docs/reproduce.md): every camera, its officer, the dock station, an
 * in-memory broker and an in-memory evidence server on one {@link ManualClock}, the network between them a
 * {@link SimNetwork} with seeded latencies. Nothing waits for the wall clock, so the run goes as fast as
 * the CPU allows, and the same scenario, seed and build write the same {@code events.jsonl} byte for byte.
 *
 * <p>What it models so far: the fleet and its behaviour, the timeline's camera actions and commands, camera
 * faults, the network and backend faults {@link SimulatedFaults} carries out, docking and uploads over the
 * site's shared uplink, store and forward over MQTT, and the evidence ledger judged against what the
 * in-memory server holds, firmware rollouts from the bench's releases; the scenario's assertions are judged as
 * in a real run. What it refuses before starting: the other network faults, impostors, MP4 payloads, external
 * backends and profiles other than the reference contract ({@link #refusal}).
 */
public final class SimulatedRun {

    /** Where a scenario that names no {@code start} begins in simulated mode, so that two runs agree. */
    public static final Instant DEFAULT_START = Instant.parse("2027-01-04T07:00:00Z");
    /** The run's figures, beside {@code events.jsonl}. */
    public static final String FIGURES = "simulation.json";
    /** One-way latency of the simulated network, drawn uniformly between these. */
    static final Duration MIN_LATENCY = Duration.ofMillis(5);
    static final Duration MAX_LATENCY = Duration.ofMillis(40);
    /** How far the clock moves between two looks at the console. */
    private static final long STEP_MILLIS = 60_000;
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a simulated run measured; every figure but {@code wallMillis} and {@code virtualPerWall} is the same
     * on every run of the same scenario, seed and build.
     *
     * @param eventsSha256 SHA-256 of {@code events.jsonl}
     * @param mqtt         messages the broker passed on, by topic
     */
    public record Figures(String scenario, long seed, int cameras, String start, long virtualMillis, long wallMillis,
                          double virtualPerWall, long events, String eventsSha256, Map<String, Long> mqtt,
                          long commandsSent, long commandsDelivered, long commandsLost, long uploads, long bytesUploaded,
                          Ledger ledger) {
    }

    /** The evidence ledger, checked against the in-memory server's holdings. */
    public record Ledger(int recorded, int verified, int lost, int duplicated, int corrupt, int pending, int unexpected,
                         long bytesRecorded) {
    }

    private SimulatedRun() {
    }

    /** Why simulated mode cannot run this scenario yet, if it cannot: checked before anything starts. */
    public static Optional<String> refusal(Scenario s) {
        String why = null;
        if (!s.backend().embedded()) {
            why = "it runs its own in-memory backend; remove backend.mqtt and backend.upload";
        } else if (!s.backend().profile().name().equals(DeviceProfile.REFERENCE.name())) {
            why = "its in-memory backend speaks the reference contract (" + DeviceProfile.REFERENCE.name() + ") only, not profile '"
                    + s.backend().profile().name() + "'";
        } else if (s.payload() == PayloadMode.MP4) {
            why = "it films synthetic payloads only, not payload: mp4";
        } else if (s.impostors().any()) {
            why = "it has no TLS, so no impostors";
        }
        for (TimelineEvent e : s.timeline()) {
            if (why != null) {
                break;
            }
            if (e.action() instanceof TimelineEvent.Fault f && (f.fault().backend() || f.fault().network())) {
                why = SimulatedFaults.refusal(f).map(w -> "the timeline's '" + f.fault().wireName() + "' at " + e.at() + ": " + w)
                        .orElse(null);
            }
        }
        return Optional.ofNullable(why).map(w -> "simulated mode cannot run " + s.name() + ": " + w + " (docs/reproduce.md)");
    }

    /**
     * Runs {@code scenario} in the folder {@code dir} (made if missing): {@code scenario.yaml}, {@code events.jsonl}
     * and {@link #FIGURES}. Prints progress every two wall seconds and the figures at the end.
     */
    public static ScenarioRunner.Result run(Scenario scenario, Path dir, String scenarioText, PrintWriter console) {
        Optional<String> refusal = refusal(scenario);
        if (refusal.isPresent()) {
            return new ScenarioRunner.Result(ScenarioRunner.BAD_INPUT, null, refusal.get());
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunRecord.SCENARIO), scenarioText, StandardCharsets.UTF_8);
            Played played = play(scenario, dir, console, null);
            Files.writeString(dir.resolve(FIGURES), JSON.writeValueAsString(played.figures()) + "\n", StandardCharsets.UTF_8);
            console.println(summary(played.figures(), dir));
            console.flush();
            return new ScenarioRunner.Result(played.passed() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED, dir,
                    played.passed() ? "passed" : "an assertion failed");
        } catch (IOException | UncheckedIOException e) {
            return new ScenarioRunner.Result(ScenarioRunner.CANNOT_RUN, dir, "cannot write the run folder " + dir + ": "
                    + ScenarioRunner.describe(e));
        }
    }

    /**
     * Where a replay halts: when the step that logged the first event of camera {@code deviceId} that
     * {@code matches} accepts is over (that step may log more at the same instant), or at virtual time {@code at}
     * (epoch ms), or at the end of the run, whichever comes first.
     */
    public record Stop(String deviceId, Predicate<CameraEvent> matches, long at) {
    }

    /**
     * What a replay found where it halted.
     *
     * @param at         the virtual time (epoch ms) it halted at
     * @param onEvent    it halted on the event {@link Stop#matches} asked for (not on the time or the run's end)
     * @param mqttQueued QoS 1 messages the camera's link held for its next connection
     * @param events     the folder's {@code events.jsonl}, written up to the halt
     */
    public record Replayed(CameraSnapshot state, long at, boolean onEvent, long mqttQueued, Path events) {
    }

    /**
     * Plays {@code scenario} in simulated mode into {@code dir} until {@code stop}, and gives the camera's state
     * there; nothing is judged and no summary is written. The scenario must be one simulated mode can run
     * ({@link #refusal}) and must have camera {@link Stop#deviceId}.
     */
    public static Replayed replay(Scenario scenario, Path dir, Stop stop) throws IOException {
        refusal(scenario).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        Files.createDirectories(dir);
        return play(scenario, dir, new PrintWriter(Writer.nullWriter()), stop).replayed();
    }

    // "try": the event log is closed before the end of its try block, so that events.jsonl is whole when it is
    // hashed or read back; the close at the end of the block then finds its writer done and does nothing
    @SuppressWarnings("try")
    private static Played play(Scenario scenario, Path dir, PrintWriter console, Stop stop) throws IOException {
        long start = (scenario.start() != null ? scenario.start() : DEFAULT_START).toEpochMilli();
        ManualClock clock = new ManualClock(start);
        SimNetwork network = new SimNetwork(clock, Fleet.deviceSeed(scenario.seed(), 0), MIN_LATENCY, MAX_LATENCY);
        SimBroker broker = new SimBroker(network);
        SimEvidenceStore store = new SimEvidenceStore(network);
        FirmwareReleases releases = new FirmwareReleases();
        store.firmware(new HostedReleases(releases));
        DockStation station = new DockStation(scenario.site(), scenario.payloadScale());
        List<FleetMember> members = new ArrayList<>();
        long wallStart = System.nanoTime();
        try (EventLog log = new EventLog(dir.resolve(RunRecord.EVENTS), false);
             FleetObserver observer = FleetObserver.simulated(broker, clock)) {
            observer.schemaCheck(scenario.schemaCheck()).start();
            RunCollector collector = new RunCollector(log);
            Uploads uploads = new Uploads();
            // the simulated network's latencies are real-world ones: detection is measured in them (speed 1)
            OfflineDetection offline = new OfflineDetection(1.0);
            RecoveryTracker recovery = new RecoveryTracker();
            observer.onPresence(offline);
            observer.onPresence(recovery);
            long[] allConnectedAt = {-1};
            int cameras = scenario.cameraCount();
            observer.onPresence((deviceId, online, reason, at) -> {
                if (allConnectedAt[0] < 0 && observer.onlineCount() >= cameras) {
                    allConnectedAt[0] = clock.now();
                }
            });
            boolean[] halt = {false};
            int index = 0;
            for (FleetGroup g : scenario.fleet()) {
                for (int k = 0; k < g.count(); k++) {
                    index++;
                    CameraConfig config = Fleet.cameraConfig(scenario, g, index, releases.publicKey(), null);
                    String id = config.deviceId();
                    Camera camera = new Camera(config, clock, handler -> broker.link(id, g.agency(), g.name(), handler),
                            store.link(id, config.uploadPayloadBytesPerSecond(), config.ltePayloadBytesPerSecond(),
                                    station.uplink()),
                            (CameraEvent e) -> {
                                collector.onEvent(e);
                                uploads.onEvent(e);
                                offline.onEvent(e);
                                recovery.onEvent(e);
                                if (stop != null && e.deviceId().equals(stop.deviceId()) && stop.matches().test(e)) {
                                    halt[0] = true;
                                }
                            }, null, station.uploadSlots());
                    members.add(Fleet.member(index, g, camera));
                }
            }
            FleetMember watched = stop == null ? null : members.stream().filter(m -> m.camera().deviceId().equals(stop.deviceId()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the scenario has no camera " + stop.deviceId()));
            CommandCounter commands = new CommandCounter();
            Recorder lag = new Recorder(3_600_000_000L, 3);
            Snapshot.Taker taker = new Snapshot.Taker(observer, collector, commands, lag);
            Phases phases = new Phases(scenario.timeline(), start, clock, taker);
            Liveness liveness = new Liveness(scenario.assertions(), start, phases);
            SimulatedFaults faults = new SimulatedFaults(clock, network, broker, store, members, offline, recovery);
            Timeline.schedule(scenario.timeline(), members, scenario.seed(), start, station,
                    new Commands(observer, commands, recovery, faults, new FirmwareRollouts(releases, scenario.payloadScale())));
            long end = start + scenario.duration().toMillis();
            long lastLook = System.nanoTime();
            long haltAt = stop == null ? end : Math.min(end, Math.max(start, stop.at()));
            while (clock.now() < haltAt && !halt[0]) {
                clock.advanceTo(Math.min(haltAt, clock.now() + STEP_MILLIS), () -> halt[0]);
                // a timer on the simulated clock runs at the very instant it is due: the lag is zero by construction
                lag.recordValue(0);
                liveness.look(clock.now(), Metrics.window(null, taker.take(clock.now())));
                if (System.nanoTime() - lastLook >= PROGRESS_NANOS) {
                    lastLook = System.nanoTime();
                    console.printf("  simulated %s of %s, %d online, %d segments%n", Durations.format(Duration.ofMillis(
                            clock.now() - start)), Durations.format(scenario.duration()), observer.onlineCount(),
                            collector.ledger().size());
                    console.flush();
                }
            }
            if (watched != null) {
                CameraSnapshot state = watched.camera().snapshot().join();
                log.close();
                return new Played(null, false, new Replayed(state, clock.now(), halt[0], broker.heldOffline(stop.deviceId()),
                        dir.resolve(RunRecord.EVENTS)));
            }
            long wallNanos = System.nanoTime() - wallStart;
            StoreView view = new StoreView(store);
            LedgerCheck.Result evidence = LedgerCheck.check(collector.ledger(), stillOnCamera(members), view);
            Snapshot last = taker.take(clock.now());
            Map<String, Double> metrics = Metrics.collect(scenario, allConnectedAt[0] < 0 ? Double.NaN
                            : (allConnectedAt[0] - start) / scenario.clockSpeed(), observer.onlineCount(),
                    mqttTotals(broker), observer, collector, evidence, last, wallNanos, end - start);
            RecoveryMetrics.put(metrics, offline, recovery);
            metrics.putAll(faults.httpFaultMetrics());
            metrics.put("uploads.throughput", uploads.bytesPerVirtualSecond());
            metrics.put("bench.saturated", 0.0);
            metrics.put("bench.saturatedWindows", 0.0);
            collector.updates().put(metrics, members.stream().map(m -> m.camera().snapshot().join()).toList(), observer.devices());
            metrics.put("devices.configured", (double) members.size());
            List<AssertionResult> results = AssertionResult.evaluate(scenario.assertions(), a -> phases.scope(a, metrics, last))
                    .stream().map(r -> r.assertion().eventually() == null ? r : liveness.result(r.assertion())).toList();
            Map<String, String> notes = new HashMap<>();
            notes.put("run.mode", "simulated: one discrete-event clock, an in-memory broker and evidence server, seeded "
                    + "latencies (docs/reproduce.md)");
            notes.put("evidence.method", view.method());
            notes.put("evidence.unexpectedMethod", view.method());
            RecordFiles.write(dir, scenario, metrics, notes, results, evidence, "duration reached", Shard.WHOLE);
            log.close();
            long wallMillis = Math.max(1, wallNanos / 1_000_000);
            Map<String, Long> mqtt = new TreeMap<>();
            broker.delivered().forEach((topic, n) -> mqtt.put(topic.suffix(), n));
            for (Topic t : Topic.values()) {
                mqtt.putIfAbsent(t.suffix(), 0L);
            }
            Figures figures = new Figures(scenario.name(), scenario.seed(), members.size(), Instant.ofEpochMilli(start).toString(),
                    end - start, wallMillis, Math.round((end - start) / (double) wallMillis * 10) / 10.0,
                    countLines(dir.resolve(RunRecord.EVENTS)),
                    sha256(dir.resolve(RunRecord.EVENTS)), mqtt, commands.sent(), broker.commandsDelivered(), broker.commandsLost(),
                    store.uploads(), store.bytesReceived(), new Ledger(evidence.recorded(), evidence.verified(), evidence.lost(),
                    evidence.duplicated(), evidence.corrupt(), evidence.pending(), evidence.unexpected(), evidence.bytesRecorded()));
            return new Played(figures, results.stream().allMatch(AssertionResult::passed), null);
        }
    }

    /** A run played to its end ({@code figures}, {@code passed}) or a replay halted ({@code replayed}). */
    private record Played(Figures figures, boolean passed, Replayed replayed) {
    }

    /** What the cameras' links counted, as the real fleet adds its MQTT clients' counters up (nothing is retransmitted). */
    private static Fleet.MqttTotals mqttTotals(SimBroker broker) {
        return new Fleet.MqttTotals(broker.published(), broker.droppedOffline(), broker.droppedQueueFull(), 0, broker.connects(),
                broker.heldOffline(), broker.heldOffline());
    }

    private static long countLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** Upload bytes per second of virtual time, from the first completed upload to the last. */
    private static final class Uploads implements CameraListener {
        private long first = -1;
        private long last;
        private long bytes;

        @Override
        public void onEvent(CameraEvent e) {
            if (e instanceof UploadCompleted u) {
                if (first < 0) {
                    first = e.time();
                }
                last = e.time();
                bytes += u.bytes();
            }
        }

        double bytesPerVirtualSecond() {
            return first < 0 || last <= first ? 0 : bytes * 1000.0 / (last - first);
        }
    }

    private static String summary(Figures f, Path dir) {
        Ledger l = f.ledger();
        return String.format("""
                simulated %s: %d cameras, %s of virtual time in %.1f s of wall time (%.0fx)
                  events      %d, sha256 %s
                  mqtt        %s
                  commands    %d sent, %d delivered, %d lost
                  evidence    recorded %d, verified %d, pending %d, lost %d, duplicated %d, corrupt %d
                  record      %s""", f.scenario(), f.cameras(), Durations.format(Duration.ofMillis(f.virtualMillis())),
                f.wallMillis() / 1000.0, f.virtualPerWall(), f.events(), f.eventsSha256(), f.mqtt(), f.commandsSent(),
                f.commandsDelivered(), f.commandsLost(), l.recorded(), l.verified(), l.pending(), l.lost(), l.duplicated(),
                l.corrupt(), dir);
    }

    private static Map<String, Set<String>> stillOnCamera(List<FleetMember> members) {
        Map<String, Set<String>> map = new HashMap<>();
        for (FleetMember m : members) {
            CameraSnapshot s = m.camera().snapshot().join();
            map.put(s.deviceId(), s.stored().stream().map(SegmentManifest::segmentId).collect(Collectors.toSet()));
        }
        return map;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The timeline's commands, sent by the observer through the in-memory broker and counted as in a real run. */
    private record Commands(FleetObserver observer, CommandCounter counter, RecoveryTracker recovery, SimulatedFaults faults,
                            FirmwareRollouts rollouts) implements Timeline.Backstage {

        @Override
        public void command(FleetMember member, String type, Map<String, Object> params) {
            counter.send(observer, member, type, params);
        }

        @Override
        public void fault(TimelineEvent.Fault fault, List<String> groups, long at) {
            faults.inject(fault, groups);
        }

        @Override
        public void cameraFaultOver(long virtualAt) {
            recovery.faultEnded(virtualAt);
        }

        @Override
        public void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
            counter.send(observer, member, "updateFirmware", rollouts.offer(member, rollout, windowStart).params());
        }
    }

    /**
     * The releases of the bench's firmware service, hosted by the simulated evidence server: an offer path is
     * {@code /firmware/VERSION}, with {@code ?variant=tampered} for the copy with one byte changed.
     */
    private record HostedReleases(FirmwareReleases releases) implements FirmwareHost {
        private static final String PREFIX = "/firmware/";
        private static final String TAMPERED = "?variant=tampered";

        @Override
        public Optional<FirmwareOffer> offerFor(String deviceId) {
            return releases.offerFor(deviceId);
        }

        @Override
        public Optional<FirmwareImage> image(String path) {
            if (!path.startsWith(PREFIX)) {
                return Optional.empty();
            }
            boolean tampered = path.endsWith(TAMPERED);
            String version = path.substring(PREFIX.length(), path.length() - (tampered ? TAMPERED.length() : 0));
            return releases.release(version).map(r -> tampered ? r.image().tampered() : r.image());
        }
    }

    /** The in-memory server's holdings as the ledger check reads them. */
    private record StoreView(SimEvidenceStore store) implements BackendView {
        @Override
        public Optional<Held> lookup(String deviceId, String segmentId) {
            SimEvidenceStore.Stored s = store.stored().get(segmentId);
            return s == null || !s.deviceId().equals(deviceId) ? Optional.empty()
                    : Optional.of(new Held(s.verified(), s.sha256(), s.copies()));
        }

        @Override
        public Optional<Set<String>> allKeys() {
            return Optional.of(store.stored().entrySet().stream().map(e -> BackendView.key(e.getValue().deviceId(), e.getKey()))
                    .collect(Collectors.toSet()));
        }

        @Override
        public String method() {
            return "the simulated evidence server's own holdings";
        }
    }
}
