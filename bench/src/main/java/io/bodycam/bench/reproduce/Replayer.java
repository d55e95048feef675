package io.bodycam.bench.reproduce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.SimulatedRun;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.replay.CameraPlayer;
import io.bodycam.sim.replay.PlaybackException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays one camera of a simulated run: plays the recorded scenario again in simulated mode, compares the
 * camera's events with the record's line by line (none may differ: the mode is deterministic), and, when
 * asked to halt at an event or a moment, gives the camera's whole state there: mode, flags, battery, storage,
 * the segments waiting for upload, and the MQTT messages its link holds.
 *
 * <p>A camera of a real-network run is played alone instead, from its lines of the run's input log
 * ({@code inputs.jsonl}, written by its {@code InputRecorder}): every task its firmware ran, everything the officer,
 * the bench and its links did to it, at the virtual times they came (docs/reproduce.md#replaying-a-real-run). It has
 * no MQTT queue to show there: the log holds what came in, not what the link held.
 */
public final class Replayer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints the camera's state; its settings hold durations, written as a scenario writes them (30s, 5m). */
    private static final ObjectMapper STATE = new ObjectMapper().registerModule(new SimpleModule("durations")
            .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                @Override
                public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(Durations.format(value));
                }
            }));
    /** The wall-clock field of a real run's event line, which a replay cannot have. */
    private static final Pattern WALL_MS = Pattern.compile(",\"wallMs\":\\d+");
    /** {@code upload.verified} or {@code upload.verified#3} (the third). */
    private static final Pattern EVENT = Pattern.compile("([a-z]+(?:\\.[a-zA-Z]+)+)(?:#(\\d+))?");

    /**
     * What the replay found.
     *
     * @param recorded   the camera's events in the record, up to the halt
     * @param replayed   its events in the replay, up to the halt
     * @param difference the first line that differs, in words; null when none does
     * @param halted     where the replay stopped, in words
     * @param how        how the camera was played, in words: the whole run again in simulated mode, or the camera
     *                   alone from its input log
     */
    public record Result(String deviceId, String how, int recorded, int replayed, String difference, String halted,
                         CameraSnapshot state, long mqttQueued, long at) {

        public boolean identical() {
            return difference == null;
        }
    }

    private Replayer() {
    }

    /**
     * Replays camera {@code deviceId} of the simulated run in {@code runDir}, halting at {@code until} (null: the
     * end of the run): an event type ({@code upload.verified}, {@code upload.verified#3} for the third), a
     * virtual time from the start ({@code 1h30m}) or an instant ({@code 2027-01-04T08:30:00Z}). The replay's
     * record goes to {@code work}.
     *
     * @throws ReproduceException when the run cannot be replayed (a real-network run, no such camera, a bad
     *                            {@code until})
     */
    public static Result replay(Path runDir, String deviceId, String until, Path work) throws IOException {
        Path scenarioFile = runDir.resolve(RunRecord.SCENARIO);
        Path eventsFile = runDir.resolve(RunRecord.EVENTS);
        boolean simulated = replayable(runDir);
        List<String> recorded = new ArrayList<>();
        TreeSet<String> cameras = new TreeSet<>();
        for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
            String id = JSON.readTree(line).path("deviceId").asText();
            cameras.add(id);
            if (id.equals(deviceId)) {
                recorded.add(simulated ? line : WALL_MS.matcher(line).replaceFirst(""));
            }
        }
        if (recorded.isEmpty()) {
            throw new ReproduceException("camera " + deviceId + " has no events in " + eventsFile + "; its cameras are "
                    + (cameras.size() <= 6 ? String.join(", ", cameras) : cameras.first() + " .. " + cameras.last()));
        }
        Scenario scenario = RecordedScenario.scenario(scenarioFile.toString(),
                RecordedScenario.tree(Files.readString(scenarioFile, StandardCharsets.UTF_8)));
        if (!simulated) {
            return played(runDir, scenario, deviceId, until, recorded, work);
        }
        long start = (scenario.start() != null ? scenario.start() : SimulatedRun.DEFAULT_START).toEpochMilli();
        SimulatedRun.Stop stop = stop(deviceId, until, start);
        SimulatedRun.Replayed r = SimulatedRun.replay(scenario, work, stop);
        List<String> replayed = Files.readAllLines(r.events(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"deviceId\":\"" + deviceId + "\"")).toList();
        return compared(deviceId, "in simulated mode", until, recorded, replayed, null, r.onEvent(), r.at(), stop.at(),
                start, r.state(), r.mqttQueued());
    }

    /**
     * Plays camera {@code deviceId} of the real-network run in {@code runDir} alone, from its lines of the input log,
     * on a virtual clock (docs/reproduce.md#replaying-a-real-run).
     */
    private static Result played(Path runDir, Scenario scenario, String deviceId, String until, List<String> recorded,
                                 Path work) throws IOException {
        Inputs inputs = inputs(runDir, deviceId::equals);
        List<JsonNode> lines = inputs.lines().get(deviceId);
        if (lines == null) {
            throw new ReproduceException("camera " + deviceId + " has no lines in " + runDir.resolve(RunRecord.INPUTS)
                    + ": a camera that films MP4 segments is not written down (docs/reproduce.md#replaying-a-real-run)");
        }
        return alone(scenario, deviceId, until, recorded, lines, inputs.start(scenario), work);
    }

    /** A real run's input log, each camera's lines in order, and the time of its first line. */
    private record Inputs(Map<String, List<JsonNode>> lines, long firstAt) {

        /** Where "a time from the start" counts from: the scenario's start, or the first camera's construction. */
        long start(Scenario scenario) {
            return scenario.start() != null ? scenario.start().toEpochMilli() : firstAt;
        }
    }

    private static Inputs inputs(Path runDir, Predicate<String> wanted) throws IOException {
        Map<String, List<JsonNode>> lines = new LinkedHashMap<>();
        long firstAt = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(runDir.resolve(RunRecord.INPUTS), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int end = line.indexOf('"', 6);
                String id = line.startsWith("{\"d\":\"") && end > 6 ? line.substring(6, end) : null;
                if (id == null) {
                    throw new ReproduceException(runDir.resolve(RunRecord.INPUTS) + " has a line that is not an input: " + line);
                }
                if (firstAt == Long.MIN_VALUE) {
                    firstAt = JSON.readTree(line).path("t").asLong();
                }
                if (wanted.test(id)) {
                    lines.computeIfAbsent(id, k -> new ArrayList<>()).add(JSON.readTree(line));
                }
            }
        }
        return new Inputs(lines, firstAt);
    }

    /** Plays one camera from its {@code lines} and compares its events with {@code recorded}. */
    private static Result alone(Scenario scenario, String deviceId, String until, List<String> recorded, List<JsonNode> lines,
                                long start, Path work) throws IOException {
        SimulatedRun.Stop stop = stop(deviceId, until, start);
        CameraPlayer player = new CameraPlayer(lines);
        boolean[] halt = {false};
        Files.createDirectories(work);
        Path events = work.resolve(RunRecord.EVENTS);
        String difference = null;
        Camera camera;
        try (EventLog log = new EventLog(events, false)) {
            camera = player.build(config(scenario, deviceId, player.firmwareKey()), e -> {
                log.onEvent(e);
                if (stop.matches().test(e)) {
                    halt[0] = true;
                }
            });
            try {
                while (!halt[0] && player.nextAt() <= stop.at() && player.step()) {
                    // each step is one input of the run, taken at its virtual time
                }
            } catch (PlaybackException diverged) {
                difference = diverged.getMessage();
            }
        }
        List<String> replayed = Files.readAllLines(events, StandardCharsets.UTF_8);
        return compared(deviceId, "alone from its input log (" + player.taken() + " of " + player.steps() + " steps)", until,
                recorded, replayed, difference, halt[0], player.now(), stop.at(), start, camera.snapshot().join(), -1);
    }

    /** Hears how far {@link #replayAll} got: {@code done} cameras of {@code of}. */
    @FunctionalInterface
    public interface IntBinaryConsumer {
        void accept(int done, int of);
    }

    /**
     * What {@link #replayAll} found: how many cameras were played, and each one that did not do the same again.
     *
     * @param how how they were played, in words
     */
    public record Tally(int cameras, String how, List<Result> different) {
    }

    /**
     * Plays every camera of the run in {@code runDir} again and compares each one's events with the record: a
     * real-network run's cameras one by one from the input log, a simulated run whole. The replays' records go to
     * {@code work}; {@code progress} hears each camera done (its number and the count).
     *
     * @throws ReproduceException when the run cannot be replayed
     */
    public static Tally replayAll(Path runDir, Path work, IntBinaryConsumer progress) throws IOException {
        Path scenarioFile = runDir.resolve(RunRecord.SCENARIO);
        Path eventsFile = runDir.resolve(RunRecord.EVENTS);
        boolean simulated = replayable(runDir);
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
            recorded.computeIfAbsent(JSON.readTree(line).path("deviceId").asText(), k -> new ArrayList<>())
                    .add(simulated ? line : WALL_MS.matcher(line).replaceFirst(""));
        }
        String scenarioText = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        Scenario scenario = RecordedScenario.scenario(scenarioFile.toString(), RecordedScenario.tree(scenarioText));
        List<Result> different = new ArrayList<>();
        if (simulated) {
            long start = (scenario.start() != null ? scenario.start() : SimulatedRun.DEFAULT_START).toEpochMilli();
            ScenarioRunner.Result r = SimulatedRun.run(scenario, work, scenarioText, new PrintWriter(Writer.nullWriter()));
            if (r.exitCode() != ScenarioRunner.PASSED && r.exitCode() != ScenarioRunner.ASSERTION_FAILED) {
                throw new ReproduceException("the simulated run could not be played again: " + r.message());
            }
            Map<String, List<String>> replayed = new LinkedHashMap<>();
            for (String line : Files.readAllLines(work.resolve(RunRecord.EVENTS), StandardCharsets.UTF_8)) {
                replayed.computeIfAbsent(JSON.readTree(line).path("deviceId").asText(), k -> new ArrayList<>()).add(line);
            }
            int n = 0;
            for (Map.Entry<String, List<String>> e : recorded.entrySet()) {
                Result one = compared(e.getKey(), "in simulated mode", null, e.getValue(),
                        replayed.getOrDefault(e.getKey(), List.of()), null, false, start, Long.MAX_VALUE, start, null, 0);
                if (!one.identical()) {
                    different.add(one);
                }
                progress.accept(++n, recorded.size());
            }
            return new Tally(recorded.size(), "the whole run again in simulated mode", different);
        }
        Inputs inputs = inputs(runDir, id -> true);
        int n = 0;
        for (Map.Entry<String, List<JsonNode>> e : inputs.lines().entrySet()) {
            String id = e.getKey();
            Path own = work.resolve(id);
            Result one = alone(scenario, id, null, recorded.getOrDefault(id, List.of()), e.getValue(), inputs.start(scenario), own);
            WorkFolder.delete(own);
            if (!one.identical()) {
                different.add(one);
            }
            progress.accept(++n, inputs.lines().size());
        }
        return new Tally(inputs.lines().size(), "each camera alone from its input log", different);
    }

    /**
     * Whether the run in {@code runDir} is a simulated one (else a real-network one with its input log).
     *
     * @throws ReproduceException when it is not a run's folder, or a real-network run without an input log
     */
    private static boolean replayable(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(RunRecord.SCENARIO)) || !Files.isRegularFile(runDir.resolve(RunRecord.EVENTS))) {
            throw new ReproduceException(runDir + " is not a run's folder (it needs " + RunRecord.SCENARIO + " and "
                    + RunRecord.EVENTS + ")");
        }
        boolean simulated = Files.isRegularFile(runDir.resolve(SimulatedRun.FIGURES));
        if (!simulated && !Files.isRegularFile(runDir.resolve(RunRecord.INPUTS))) {
            throw new ReproduceException(runDir + " is a real-network run without " + RunRecord.INPUTS + " (run with"
                    + " --no-input-log, or by a bench older than the input log): what its cameras received from the network"
                    + " was not recorded, so it cannot be played again. Run the scenario again without --no-input-log, or"
                    + " with --set clock.mode=simulated");
        }
        return simulated;
    }

    /** The settings camera {@code deviceId} had in the run: its group's, at its index in the whole fleet. */
    private static CameraConfig config(Scenario scenario, String deviceId, String firmwareKey) {
        int index = 0;
        for (FleetGroup g : scenario.fleet()) {
            for (int k = 0; k < g.count(); k++) {
                index++;
                if (g.deviceId(index).equals(deviceId)) {
                    return Fleet.cameraConfig(scenario, g, index, firmwareKey, null);
                }
            }
        }
        throw new ReproduceException("the run's scenario has no camera " + deviceId);
    }

    /** The record's events and the replay's compared line by line, up to a halt. */
    private static Result compared(String deviceId, String how, String until, List<String> recorded, List<String> replayed,
                                   String diverged, boolean onEvent, long at, long stopAt, long start, CameraSnapshot state,
                                   long mqttQueued) {
        List<String> expected = until == null ? recorded : recorded.subList(0, Math.min(recorded.size(), replayed.size()));
        String difference = null;
        for (int i = 0; i < Math.max(expected.size(), replayed.size()) && difference == null; i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < replayed.size() ? replayed.get(i) : "(nothing)";
            if (!want.equals(got)) {
                difference = "event " + (i + 1) + ": recorded " + want + "\n  replayed " + got;
            }
        }
        if (diverged != null) {
            difference = difference == null ? diverged : difference + "\n  then: " + diverged;
        }
        String halted = until == null ? "the end of the run"
                : onEvent ? until + " at " + Instant.ofEpochMilli(at) + " (" + Durations.format(Duration.ofMillis(at - start))
                        + " in)"
                : at >= stopAt ? Durations.format(Duration.ofMillis(at - start)) + " in, " + Instant.ofEpochMilli(at)
                : "the end of the run (" + until + " never happened)";
        return new Result(deviceId, how, expected.size(), replayed.size(), difference, halted, state, mqttQueued, at);
    }

    private static SimulatedRun.Stop stop(String deviceId, String until, long start) {
        if (until == null) {
            return new SimulatedRun.Stop(deviceId, e -> false, Long.MAX_VALUE);
        }
        String u = until.strip();
        Matcher m = EVENT.matcher(u);
        if (m.matches()) {
            String type = m.group(1);
            int nth = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (nth < 1) {
                throw new ReproduceException("--until " + until + ": the count after # starts at 1");
            }
            int[] seen = {0};
            Predicate<CameraEvent> matches = e -> e.type().equals(type) && ++seen[0] == nth;
            return new SimulatedRun.Stop(deviceId, matches, Long.MAX_VALUE);
        }
        try {
            return new SimulatedRun.Stop(deviceId, e -> false, OffsetDateTime.parse(u).toInstant().toEpochMilli());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return new SimulatedRun.Stop(deviceId, e -> false, start + Durations.parse(u).toMillis());
            } catch (IllegalArgumentException notADuration) {
                throw new ReproduceException("--until " + until + " is not an event type (upload.verified, upload.verified#3),"
                        + " a time from the start (1h30m) or an instant (2027-01-04T08:30:00Z)");
            }
        }
    }

    /** The camera's state as JSON, for printing. */
    public static String describe(Result r) throws IOException {
        JsonNode state = STATE.valueToTree(r.state());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", r.deviceId());
        view.put("at", Instant.ofEpochMilli(r.at()).toString());
        view.put("state", state);
        if (r.mqttQueued() >= 0) {
            view.put("mqttQueued", r.mqttQueued());
        }
        return STATE.writerWithDefaultPrettyPrinter().writeValueAsString(view);
    }
}
