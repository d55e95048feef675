package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulated mode replays a run exactly: the library's scenarios that it can run give the same
 * {@code events.jsonl}, byte for byte, and the same figures (less the wall time they took) on two runs of
 * one seed; another seed gives another run; what it cannot model yet is refused before anything starts.
 */
class SimulatedRunTest {

    private static final Path LIBRARY = Path.of("..", "scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ten cameras whose network goes down for 10 minutes, ten more of which about half are slowed by 2 s. */
    private static final String NETWORK_FAULTS = """
            name: net-faults
            seed: 5
            duration: 90m
            clock: {mode: simulated}
            payloadScale: 0.001
            fleet:
              - {name: north, count: 10, idPattern: "N-{index:00}"}
              - {name: south, count: 10, idPattern: "S-{index:00}"}
            behaviour: {incidentsPerHour: 2}
            timeline:
              - {at: 0s, powerOn: {over: 1m}}
              - {at: 20m, fault: {kind: network-down, for: 10m, group: north}}
              - {at: 20m, fault: {kind: network-latency, for: 10m, group: south, params: {latency: 2s, jitter: 500ms, toxicity: 50%}}}
              - {at: 45m, dock: {over: 5m}}
            assertions:
              - devices.online == 20
              - recovery.unrecovered == 0
              - evidence.lost == 0
              - evidence.duplicated == 0
              - evidence.pending == 0
              - mqtt.seqGaps == 0
            """;

    private static final String BLACKHOLE = """
            name: blackhole
            seed: 9
            duration: 60m
            clock: {mode: simulated}
            payloadScale: 0.001
            fleet:
              - {name: east, count: 10, idPattern: "E-{index:00}"}
              - {name: west, count: 10, idPattern: "W-{index:00}"}
            timeline:
              - {at: 0s, powerOn: {over: 1m}}
              - {at: 10m, fault: {kind: network-blackhole, for: 5m, group: east}}
              - {at: 10m, fault: {kind: network-blackhole, for: 30s, group: west}}
              - {at: 30m, dock: {over: 2m}}
            assertions:
              - devices.online == 20
              - recovery.unrecovered == 0
              - evidence.lost == 0
              - evidence.pending == 0
            """;

    @TempDir
    Path tmp;

    /**
     * The library's scenarios, less those that name certificates made beforehand (TLS against an external broker,
     * which simulated mode refuses anyway); fault-matrix-1000 and its thousand cameras take about 8 s a run.
     */
    static Stream<String> library() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> !read(f).contains("${BODYCAM_PKI"))
                    .map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void every_library_scenario_it_can_run_replays_byte_for_byte(String file) throws IOException {
        Scenario scenario = simulated(file, Map.of());
        if (SimulatedRun.refusal(scenario).isPresent()) {
            assertTrue(SimulatedRun.refusal(scenario).get().contains("docs/reproduce.md"), SimulatedRun.refusal(scenario).get());
            return;
        }
        Run first = run(scenario, "first");
        Run second = run(scenario, "second");

        assertEquals(ScenarioRunner.PASSED, first.result.exitCode(), first.console);
        assertEquals(first.figures, second.figures, "the same seed must give the same figures");
        assertEquals(first.summary, second.summary, "the same seed must give the same summary, less its wall time");
        for (String name : List.of("events.jsonl", "ledger.jsonl")) {
            assertEquals(Files.readString(first.dir.resolve(name)), Files.readString(second.dir.resolve(name)), name);
        }
        assertTrue(first.figures.path("events").asLong() > 0, first.console);
    }

    @Test
    void smoke_records_uploads_and_proves_every_segment_with_nothing_on_a_wall_clock() throws IOException {
        Run run = run(simulated("smoke.yaml", Map.of()), "smoke");

        JsonNode ledger = run.figures.path("ledger");
        assertEquals(ScenarioRunner.PASSED, run.result.exitCode(), run.console);
        assertTrue(ledger.path("recorded").asInt() >= 10, run.console);
        assertEquals(ledger.path("recorded").asInt(), ledger.path("verified").asInt(), "every segment docked and proved: " + run.console);
        assertEquals(0, ledger.path("lost").asInt());
        assertEquals(20, run.figures.path("commandsDelivered").asInt(), "the locate command reached all 20: " + run.console);
        assertTrue(run.figures.path("mqtt").path("gps").asLong() > 0, run.console);
        String firstLine = Files.readAllLines(run.dir.resolve("events.jsonl")).get(0);
        assertFalse(firstLine.contains("wallMs"), firstLine);
        assertTrue(firstLine.contains("\"time\":\"2027-01-04T07:00"), "a scenario without start begins at the fixed instant: "
                + firstLine);
    }

    @Test
    void the_scenario_assertions_are_judged_as_in_a_real_run() throws IOException {
        Run run = run(simulated("smoke.yaml", Map.of("fleet[0].count", "19")), "nineteen");

        assertEquals(ScenarioRunner.ASSERTION_FAILED, run.result.exitCode(), run.console);
        List<String> failed = new java.util.ArrayList<>();
        run.summary.path("assertions").forEach(a -> {
            if (!a.path("passed").asBoolean()) {
                failed.add(a.path("expr").asText());
            }
        });
        assertEquals(List.of("devices.connectedPeak == 20", "commands.acked == 20"), failed, run.summary.toString());
        assertEquals(19, run.summary.path("devices").path("connectedPeak").asInt(), run.summary.toString());
    }

    @Test
    void another_seed_is_another_run() throws IOException {
        Run seven = run(simulated("smoke.yaml", Map.of()), "seven");
        Run eight = run(simulated("smoke.yaml", Map.of("seed", "8")), "eight");

        assertFalse(seven.figures.path("eventsSha256").asText().equals(eight.figures.path("eventsSha256").asText()));
    }

    @Test
    void a_network_cut_and_a_slow_network_repeat_and_heal() throws IOException {
        Scenario faults = ScenarioLoader.parse("net-faults", NETWORK_FAULTS, Substitutions.of(Map.of()));
        Run first = run(faults, "net-first");
        Run second = run(faults, "net-second");

        assertEquals(ScenarioRunner.PASSED, first.result.exitCode(), first.console);
        assertEquals(Files.readString(first.dir.resolve("events.jsonl")), Files.readString(second.dir.resolve("events.jsonl")));
        List<String> lines = Files.readAllLines(first.dir.resolve("events.jsonl"));
        long cutAt = 1799046000000L + 20 * 60_000;
        for (int n = 1; n <= 10; n++) {
            String id = String.format("\"deviceId\":\"N-%02d\"", n);
            List<String> link = lines.stream().filter(l -> l.contains(id) && l.contains("\"type\":\"link.")).toList();
            assertEquals(3, link.size(), "up, down at the cut, up again after it: " + link);
            assertTrue(link.get(1).contains("\"t\":" + cutAt + ",") && link.get(1).contains("network down"), link.get(1));
            long backAt = JSON.readTree(link.get(2)).path("t").asLong();
            assertTrue(backAt >= cutAt + 10 * 60_000, "no connection gets through the cut: " + link.get(2));
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"deviceId\":\"S-") && l.contains("link.down")),
                "a slow network drops nobody");
        double stateP99 = first.summary.path("mqtt").path("state").path("latency").path("p99").asDouble();
        assertTrue(stateP99 > 1000, "half the south group slowed by 2 s shows in the state latency: " + first.summary.path("mqtt"));
        assertEquals(0, first.figures.path("ledger").path("lost").asInt());
    }

    @Test
    void a_blackhole_is_noticed_by_keep_alive_only_when_it_outlasts_it_and_repeats() throws IOException {
        Scenario blackhole = ScenarioLoader.parse("blackhole", BLACKHOLE, Substitutions.of(Map.of()));
        Run first = run(blackhole, "hole-first");
        Run second = run(blackhole, "hole-second");

        assertEquals(ScenarioRunner.PASSED, first.result.exitCode(), first.console);
        assertEquals(Files.readString(first.dir.resolve("events.jsonl")), Files.readString(second.dir.resolve("events.jsonl")));
        List<String> lines = Files.readAllLines(first.dir.resolve("events.jsonl"));
        long holeAt = 1799046000000L + 10 * 60_000;
        for (int n = 1; n <= 10; n++) {
            String id = String.format("\"deviceId\":\"E-%02d\"", n);
            List<String> link = lines.stream().filter(l -> l.contains(id) && l.contains("\"type\":\"link.")).toList();
            assertEquals(3, link.size(), "up, down when keep-alive gives up, up again after the blackhole: " + link);
            assertTrue(link.get(1).contains("\"t\":" + (holeAt + 45_000) + ",") && link.get(1).contains("1.5 x keep-alive"),
                    link.get(1));
            long backAt = JSON.readTree(link.get(2)).path("t").asLong();
            assertTrue(backAt >= holeAt + 5 * 60_000, "no connection gets through the blackhole: " + link.get(2));
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"deviceId\":\"W-") && l.contains("link.down")),
                "a blackhole shorter than 1.5 keep-alives drops nobody");
        assertEquals(0, first.figures.path("ledger").path("lost").asInt());
    }

    @Test
    void an_answer_left_hanging_times_out_and_the_upload_resumes_with_nothing_sent_twice() throws IOException {
        Run run = run(simulated("backend-errors.yaml", Map.of("timeline[2].fault.params.mode", "hang")), "hang");

        assertEquals(ScenarioRunner.PASSED, run.result.exitCode(), run.console);
        assertTrue(run.summary.path("faults").path("http").path("lostResponses").asInt() > 0, run.summary.path("faults").toString());
        assertEquals(0, run.summary.path("evidence").path("duplicated").asInt(), run.summary.path("evidence").toString());
    }

    @Test
    void what_it_cannot_model_yet_is_refused_before_anything_starts() throws IOException {
        Scenario slicer = ScenarioLoader.parse("slicer", """
                name: slicer
                duration: 10m
                clock: {mode: simulated}
                fleet: [{count: 2}]
                timeline:
                  - {at: 1m, fault: {kind: network-slicer, for: 1m}}
                """, Substitutions.of(Map.of()));
        Scenario external = simulated("smoke.yaml", Map.of("backend.mqtt", "tcp://127.0.0.1:1883",
                "backend.upload", "http://127.0.0.1:8080/files"));

        ScenarioRunner.Result r = SimulatedRun.run(slicer, tmp.resolve("refused"), "", new PrintWriter(new StringWriter()));

        assertEquals(ScenarioRunner.BAD_INPUT, r.exitCode());
        assertTrue(r.message().contains("'network-slicer'") && r.message().contains("docs/reproduce.md"), r.message());
        assertNull(r.dir());
        assertFalse(Files.exists(tmp.resolve("refused")), "nothing is written for a refused run");
        assertTrue(SimulatedRun.refusal(external).orElseThrow().contains("in-memory backend"));
        assertTrue(ScenarioRunner.refusal(simulated("smoke.yaml", Map.of())).isPresent(),
                "the real-network runner does not take a simulated scenario");
    }

    private record Run(ScenarioRunner.Result result, Path dir, ObjectNode figures, ObjectNode summary, String console) {
    }

    private Run run(Scenario scenario, String name) throws IOException {
        StringWriter console = new StringWriter();
        Path dir = tmp.resolve(name);
        ScenarioRunner.Result r = SimulatedRun.run(scenario, dir, "name: " + scenario.name() + "\n", new PrintWriter(console, true));
        ObjectNode figures = (ObjectNode) JSON.readTree(dir.resolve(SimulatedRun.FIGURES).toFile());
        figures.remove(List.of("wallMillis", "virtualPerWall"));
        ObjectNode summary = (ObjectNode) JSON.readTree(dir.resolve("summary.json").toFile());
        ((ObjectNode) summary.path("run")).remove("wallTime");
        return new Run(r, dir, figures, summary, console.toString());
    }

    private static Scenario simulated(String file, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("clock.mode", "simulated");
        return ScenarioLoader.load(LIBRARY.resolve(file), Substitutions.of(all));
    }
}
