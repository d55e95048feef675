package io.bodycam.bench.reproduce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.bodycam.bench.run.SimulatedRun;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
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
 * <p>Real-network runs are refused with the reason: what their cameras received from the network is not
 * recorded, so they cannot be played again.
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
    /** {@code upload.verified} or {@code upload.verified#3} (the third). */
    private static final Pattern EVENT = Pattern.compile("([a-z]+(?:\\.[a-zA-Z]+)+)(?:#(\\d+))?");

    /**
     * What the replay found.
     *
     * @param recorded   the camera's events in the record, up to the halt
     * @param replayed   its events in the replay, up to the halt
     * @param difference the first line that differs, in words; null when none does
     * @param halted     where the replay stopped, in words
     */
    public record Result(String deviceId, int recorded, int replayed, String difference, String halted,
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
        if (!Files.isRegularFile(scenarioFile) || !Files.isRegularFile(eventsFile)) {
            throw new ReproduceException(runDir + " is not a run's folder (it needs " + RunRecord.SCENARIO + " and "
                    + RunRecord.EVENTS + ")");
        }
        if (!Files.isRegularFile(runDir.resolve(SimulatedRun.FIGURES))) {
            throw new ReproduceException(runDir + " is a real-network run: what its cameras received from the network was not"
                    + " recorded, so it cannot be played again. Run the scenario with --set clock.mode=simulated, or let"
                    + " bodycam shrink " + runDir + " look for a failure the simulation shows (docs/reproduce.md)");
        }
        List<String> recorded = new ArrayList<>();
        TreeSet<String> cameras = new TreeSet<>();
        for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
            String id = JSON.readTree(line).path("deviceId").asText();
            cameras.add(id);
            if (id.equals(deviceId)) {
                recorded.add(line);
            }
        }
        if (recorded.isEmpty()) {
            throw new ReproduceException("camera " + deviceId + " has no events in " + eventsFile + "; its cameras are "
                    + (cameras.size() <= 6 ? String.join(", ", cameras) : cameras.first() + " .. " + cameras.last()));
        }
        Scenario scenario = RecordedScenario.scenario(scenarioFile.toString(),
                RecordedScenario.tree(Files.readString(scenarioFile, StandardCharsets.UTF_8)));
        long start = (scenario.start() != null ? scenario.start() : SimulatedRun.DEFAULT_START).toEpochMilli();
        SimulatedRun.Stop stop = stop(deviceId, until, start);
        SimulatedRun.Replayed r = SimulatedRun.replay(scenario, work, stop);
        List<String> replayed = Files.readAllLines(r.events(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"deviceId\":\"" + deviceId + "\"")).toList();
        List<String> expected = until == null ? recorded : recorded.subList(0, Math.min(recorded.size(), replayed.size()));
        String difference = null;
        for (int i = 0; i < Math.max(expected.size(), replayed.size()) && difference == null; i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < replayed.size() ? replayed.get(i) : "(nothing)";
            if (!want.equals(got)) {
                difference = "event " + (i + 1) + ": recorded " + want + "\n  replayed " + got;
            }
        }
        String halted = until == null ? "the end of the run"
                : r.onEvent() ? until + " at " + Instant.ofEpochMilli(r.at()) + " (" + Durations.format(Duration.ofMillis(r.at() - start))
                        + " in)"
                : r.at() >= stop.at() ? Durations.format(Duration.ofMillis(r.at() - start)) + " in, " + Instant.ofEpochMilli(r.at())
                : "the end of the run (" + until + " never happened)";
        return new Result(deviceId, expected.size(), replayed.size(), difference, halted, r.state(), r.mqttQueued(), r.at());
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
        view.put("mqttQueued", r.mqttQueued());
        return STATE.writerWithDefaultPrettyPrinter().writeValueAsString(view);
    }
}
