package io.bodycam.bench.live;

import io.bodycam.bench.live.internal.CameraTimeline;
import io.bodycam.bench.live.internal.EvidenceHistory;
import io.bodycam.bench.live.internal.FaultWindows;
import io.bodycam.bench.live.internal.LatencyHistory;
import io.bodycam.bench.live.internal.RecordEvents;
import io.bodycam.bench.live.internal.StatusCode;
import io.bodycam.bench.live.internal.VirtualAxis;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.Selector;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;
import io.bodycam.record.files.Camera;
import io.bodycam.record.files.Tick;
import io.bodycam.record.files.TimeSeries;
import io.bodycam.sim.state.Mode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A finished run played back from its record folder (reports/README.md): the map's states rebuilt from
 * {@code events.jsonl} and {@code gps.jsonl}, rates from {@code timeseries.jsonl}, latency percentiles
 * so far from {@code latency/*.hlog}, evidence from {@code evidence.jsonl}, the assertions' final
 * verdicts from {@code summary.json} and the timeline's faults from {@code scenario.yaml}. It is its
 * own {@link ReplayControl}: it opens paused at the run's start. Actions are refused: a record cannot
 * be changed. Reading is done in {@link #open}; afterwards only a camera's detail reads the disk again.
 */
public final class RecordReplay implements LiveFleet, ReplayControl {

    private final Path dir;
    private final String title;
    private final List<RosterEntry> roster;
    private final Map<String, Integer> index = new HashMap<>();
    private final CameraTimeline[] timelines;
    private final List<Tick> ticks;
    private final long[] tickT;
    private final LatencyHistory latency;
    private final EvidenceHistory evidence;
    private final FaultWindows faults;
    private final List<FleetCounters.AssertionState> assertions;
    private final CameraBoard board;
    private final long start;
    private final long end;
    private final double defaultSpeed;
    private long at;
    private double speed;
    private boolean playing;

    private RecordReplay(Path dir, String title, List<RosterEntry> roster, CameraTimeline[] timelines, List<Tick> ticks,
                         VirtualAxis axis, LatencyHistory latency, EvidenceHistory evidence, FaultWindows faults,
                         List<FleetCounters.AssertionState> assertions, long end, double speed) {
        this.dir = dir;
        this.title = title;
        this.roster = roster;
        for (int i = 0; i < roster.size(); i++) {
            index.put(roster.get(i).deviceId(), i);
        }
        this.timelines = timelines;
        this.ticks = ticks;
        this.tickT = ticks.stream().mapToLong(t -> axis.ofVirtual(t.virtualMs())).toArray();
        this.latency = latency;
        this.evidence = evidence;
        this.faults = faults;
        this.assertions = assertions;
        this.board = new CameraBoard(roster);
        this.start = axis.start();
        this.end = Math.max(end, start);
        this.defaultSpeed = speed;
        this.speed = speed;
        seek(start);
    }

    /**
     * Reads a run record.
     *
     * @throws IllegalArgumentException when the folder holds no roster ({@code devices.jsonl}) or neither
     *                                  events nor a time series: not a run record
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static RecordReplay open(Path dir) {
        Path devices = dir.resolve(RunRecord.DEVICES);
        if (!Files.isRegularFile(devices)) {
            throw new IllegalArgumentException("no " + RunRecord.DEVICES + " in " + dir + ": not a run record (or one older than the roster)");
        }
        List<RosterEntry> roster = new ArrayList<>();
        for (Camera c : Camera.read(devices)) {
            roster.add(new RosterEntry(c.deviceId(), c.group()));
        }
        if (roster.isEmpty()) {
            throw new IllegalArgumentException(devices + " lists no camera: nothing to replay");
        }
        Optional<Summary> record = summary(dir);
        Optional<Scenario> scenario = scenario(dir);
        Map<String, CameraTimeline> byId = new LinkedHashMap<>();
        roster.forEach(r -> byId.put(r.deviceId(), new CameraTimeline()));
        FaultWindows faults = new FaultWindows();
        try {
            RecordEvents events = RecordEvents.read(dir, byId, faults);
            List<Tick> ticks = TimeSeries.read(dir.resolve(RunRecord.TIMESERIES));
            if (ticks.isEmpty() && events.lastT() == Long.MIN_VALUE) {
                throw new IllegalArgumentException(dir + " has neither events nor a time series: nothing to replay");
            }
            double speed = record.flatMap(r -> r.metrics().get("run.clockSpeed"))
                    .or(() -> scenario.map(Scenario::clockSpeed)).orElse(1.0);
            VirtualAxis axis = VirtualAxis.of(ticks.stream().mapToLong(Tick::wallMs).toArray(),
                    ticks.stream().mapToLong(Tick::virtualMs).toArray(), speed,
                    scenario.map(Scenario::start).map(Instant::toEpochMilli).orElse(null),
                    events.sampleT(), events.sampleWall());
            scenario.ifPresent(s -> timelineFaults(s, axis.start(), faults));
            long end = Math.max(events.lastT(), ticks.isEmpty() ? Long.MIN_VALUE : axis.ofVirtual(ticks.get(ticks.size() - 1).virtualMs()));
            String name = record.map(Summary::scenario).or(() -> scenario.map(Scenario::name))
                    .orElse(String.valueOf(dir.getFileName()));
            return new RecordReplay(dir, name + " (replay)", List.copyOf(roster), byId.values().toArray(new CameraTimeline[0]),
                    ticks, axis, LatencyHistory.read(dir, axis), EvidenceHistory.read(dir.resolve(RunRecord.EVIDENCE)), faults,
                    assertions(record), end, speed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run record " + dir, e);
        }
    }

    // ------------------------------------------------------------------ LiveFleet

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<RosterEntry> roster() {
        return roster;
    }

    @Override
    public FleetChanges changesSince(long cursor) {
        return board.since(cursor);
    }

    @Override
    public synchronized FleetCounters counters() {
        return countersAt(at);
    }

    @Override
    public synchronized CompletionStage<CameraDetail> detail(String deviceId, int events) {
        CameraState state = board.get(deviceId);
        int i = indexOf(deviceId);
        try {
            return CompletableFuture.completedFuture(new CameraDetail(deviceId, roster.get(i).group(), state, Optional.empty(),
                    RecordEvents.events(dir, timelines[i].lastEventOffsets(at, events))));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot read the events of " + deviceId, e));
        }
    }

    @Override
    public CompletionStage<ActionResult> act(String deviceId, CameraAction action) {
        board.get(deviceId);
        return CompletableFuture.failedFuture(new ActionRefusedException(
                "this is a replay of a finished run (" + dir.getFileName() + "): its cameras cannot be acted on"));
    }

    @Override
    public Optional<ReplayControl> replay() {
        return Optional.of(this);
    }

    // ------------------------------------------------------------------ ReplayControl

    @Override
    public synchronized Position position() {
        return new Position(start, end, at, speed, playing);
    }

    @Override
    public synchronized void seek(long virtualTime) {
        at = Math.max(start, Math.min(end, virtualTime));
        for (int i = 0; i < timelines.length; i++) {
            board.put(stateAt(i, at));
        }
    }

    @Override
    public synchronized void play(double virtualPerWallMilli) {
        if (!(virtualPerWallMilli >= 1 && virtualPerWallMilli <= 10_000)) {
            throw new IllegalArgumentException("replay speed must be 1..10000, was " + virtualPerWallMilli);
        }
        speed = virtualPerWallMilli;
        playing = true;
        if (at >= end) {
            seek(start);
        }
    }

    @Override
    public synchronized void pause() {
        playing = false;
    }

    @Override
    public synchronized void advance(long wallMillis) {
        if (!playing || wallMillis <= 0) {
            return;
        }
        seek(at + Math.round(wallMillis * speed));
        if (at >= end) {
            playing = false;
        }
    }

    @Override
    public synchronized List<FleetCounters> history(int maxPoints) {
        int n = Math.max(2, maxPoints);
        List<FleetCounters> list = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            list.add(countersAt(start + (end - start) * k / (n - 1)));
        }
        return list;
    }

    /** The speed the run itself ran at: what a replay plays at unless told otherwise. */
    public double runSpeed() {
        return defaultSpeed;
    }

    // ------------------------------------------------------------------ private

    private CameraState stateAt(int i, long t) {
        int code = timelines[i].codeAt(t);
        double[] p = timelines[i].positionAt(t);
        return new CameraState(roster.get(i).deviceId(), StatusCode.mode(code), StatusCode.dockPhase(code), p[0], p[1],
                StatusCode.online(code), StatusCode.uploading(code));
    }

    private FleetCounters countersAt(long t) {
        Map<Mode, Integer> modes = new EnumMap<>(Mode.class);
        int online = 0;
        int uploading = 0;
        for (CameraTimeline timeline : timelines) {
            int code = timeline.codeAt(t);
            modes.merge(StatusCode.mode(code), 1, Integer::sum);
            online += StatusCode.online(code) ? 1 : 0;
            uploading += StatusCode.uploading(code) ? 1 : 0;
        }
        double mqtt = 0;
        double upload = 0;
        int k = Arrays.binarySearch(tickT, t);
        int tick = k >= 0 ? k : -k - 2;
        if (tick >= 0) {
            Tick x = ticks.get(tick);
            double seconds = Math.max(1, x.intervalMs()) / 1000.0;
            mqtt = x.mqtt().values().stream().mapToLong(Long::longValue).sum() / seconds;
            upload = x.uploadBytes() / seconds;
        }
        return new FleetCounters(t, timelines.length, modes, online, uploading, mqtt, upload, latency.at(t),
                evidence.at(t, t >= end), assertions, faults.at(t));
    }

    private int indexOf(String deviceId) {
        Integer i = index.get(deviceId);
        if (i == null) {
            throw new NoSuchCameraException(deviceId);
        }
        return i;
    }

    private static Optional<Summary> summary(Path dir) {
        Path file = dir.resolve(RunRecord.SUMMARY);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Summary.read(file));
        } catch (RecordException e) {
            return Optional.empty();
        }
    }

    /** The scenario as run, if it still loads (it may name files or variables that are gone). */
    private static Optional<Scenario> scenario(Path dir) {
        Path file = dir.resolve(RunRecord.SCENARIO);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ScenarioLoader.load(file));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The timeline's network and backend faults; the cameras' own faults come from their events. */
    private static void timelineFaults(Scenario s, long start, FaultWindows faults) {
        for (TimelineEvent e : s.timeline()) {
            if (e.action() instanceof TimelineEvent.Fault f && (f.fault().network() || f.fault().backend())) {
                long from = start + e.at().toMillis();
                String detail = new TreeMap<>(f.params()).toString().replaceAll("[{}]", "");
                faults.timeline(f.fault().wireName(), target(e.select()), detail, from, e.over().toMillis() + f.length().toMillis());
            }
        }
    }

    private static String target(Selector s) {
        String who = !s.cameras().isEmpty() ? String.join(", ", s.cameras())
                : s.groups().isEmpty() ? "fleet" : String.join(", ", s.groups());
        if (s.count() > 0) {
            return who + " (" + s.count() + " cameras)";
        }
        return s.fraction() < 1 ? who + " (" + Math.round(s.fraction() * 100) + " %)" : who;
    }

    private static List<FleetCounters.AssertionState> assertions(Optional<Summary> record) {
        List<FleetCounters.AssertionState> list = new ArrayList<>();
        record.ifPresent(r -> r.assertions().forEach(a -> list.add(new FleetCounters.AssertionState(a.expr(),
                a.actual() == null ? FleetCounters.Verdict.UNMEASURED
                        : a.passed() ? FleetCounters.Verdict.HOLDS : FleetCounters.Verdict.FAILED,
                a.actual(), a.unit()))));
        return list;
    }
}
