package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded scenario run whole and as three shards against the embedded backend (in this JVM), then
 * {@code bodycam report merge}: the merged record counts what the whole run counts, every camera ran in
 * exactly one shard, the assertions that no shard alone can pass hold for the merged run, and the
 * merged record is a record like any other (report, compare, JUnit XML, report.html).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds of camera events that follow from the seeds alone (link and upload retries depend on the network). */
    private static final Set<String> DETERMINISTIC = Set.of("boot", "mode", "recording.started", "recording.stopped",
            "segment.closed", "upload.verified", "segment.purged", "docked", "time.synced");
    private static final List<String> COUNTS = List.of("devices.configured", "devices.connectedPeak", "devices.online",
            "commands.sent", "commands.acked", "commands.failed", "evidence.segmentsRecorded", "evidence.verified",
            "evidence.lost", "evidence.duplicated", "evidence.corrupt", "evidence.pending", "evidence.unexpected",
            "evidence.cutByPowerLoss", "mqtt.seqGaps", "mqtt.duplicates", "mqtt.malformed", "uploads.completed");

    private Path dir;
    private Path whole;
    private final List<Path> shards = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bodycam(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return BodycamCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @BeforeAll
    void run_the_scenario_whole_and_as_three_shards(@TempDir Path tmp) throws IOException {
        dir = tmp;
        Path scenario = dir.resolve("sharded.yaml");
        Files.writeString(scenario, """
                # 15 cameras in two groups: patrol, two surges, a command to all, dock and upload. No random
                # incidents: one that falls due while its camera docks starts or not depending on wall timing
                # (speed 120), which would make the recording count differ between any two runs.
                name: sharded
                seed: 21
                start: 2027-01-04T06:30:00-06:00
                duration: 1h
                clock: {speed: 120}
                payloadScale: 0.001
                fleet:
                  - name: car
                    count: 9
                    idPattern: "CAR-{index:00}"
                  - name: foot
                    count: 6
                    idPattern: "FOOT-{index:00}"
                behaviour:
                  incidentsPerHour: 0
                timeline:
                  - at: 0s
                    powerOn: {over: 10s}
                  - at: 3m
                    surge: {fraction: 60%, over: 5s, length: 2m}
                  - at: 5m30s
                    surge: {fraction: 40%, over: 5s, length: 1m}
                  - at: 6m
                    command: {fraction: 100%, type: locate}
                  - at: 8m
                    dock: {over: 30s}
                assertions:
                  - devices.connectedPeak == 15
                  - commands.acked == 15
                  - evidence.segmentsRecorded >= 5
                  - evidence.lost == 0
                  - evidence.pending == 0
                  - mqtt.seqGaps == 0
                """);
        whole = dir.resolve("whole");
        assertEquals(0, bodycam("run", scenario.toString(), "--out", whole.toString(), "--threads", "1", "--no-input-log"),
                out + "\n" + err);
        for (int i = 0; i < 3; i++) {
            Path shard = dir.resolve("shard-" + i);
            assertEquals(0, bodycam("run", scenario.toString(), "--shard", i + "/3", "--out", shard.toString(), "--threads", "1"),
                    "a shard judges its share and leaves fleet-wide counts to the merge:\n" + out + "\n" + err);
            assertTrue(RunRecord.open(shard).assertions().stream().filter(AssertionOutcome::deferred).map(AssertionOutcome::expr)
                    .toList().equals(List.of("commands.acked == 15", "evidence.segmentsRecorded >= 5")), out.toString());
            shards.add(shard);
        }
    }

    @Test
    void the_merged_shards_count_what_the_whole_run_counts() throws IOException {
        Path merged = dir.resolve("merged");
        assertEquals(0, bodycam("report", "merge", shards.get(2).toString(), shards.get(0).toString(), shards.get(1).toString(),
                "--out", merged.toString()), out + "\n" + err);
        assertTrue(out.toString().startsWith("merged 3 shards (0/3, 1/3, 2/3) of sharded"), out.toString());
        assertTrue(out.toString().contains("PASS  devices.connectedPeak == 15"), out.toString());

        RunRecord a = RunRecord.open(whole);
        RunRecord b = RunRecord.open(merged);
        assertTrue(a.metric("evidence.segmentsRecorded").orElseThrow() >= 5, "the scenario records: " + a.summary());
        for (String m : COUNTS) {
            assertEquals(a.metric(m), b.metric(m), m);
        }
        assertTrue(b.passed());
        assertEquals(eventsByType(whole), eventsByType(merged), "camera events by type");
        assertEquals(outcomes(whole), outcomes(merged), "every segment with its outcome");
        assertEquals(3, b.summary().mergedFrom().orElseThrow().shards().size());
        double p99 = b.metric("mqtt.state.latency.p99").orElseThrow();
        assertTrue(p99 > 0, "latency percentiles come from the merged logs: " + p99);
    }

    @Test
    void each_camera_of_a_sharded_run_replays_from_the_merged_input_log() throws IOException {
        Path merged = dir.resolve("merged-inputs");
        assertEquals(0, bodycam("report", "merge", shards.get(0).toString(), shards.get(1).toString(), shards.get(2).toString(),
                "--out", merged.toString()), out + "\n" + err);

        assertEquals(0, bodycam("replay", merged.toString(), "--all"), out + "\n" + err);
        assertTrue(out.toString().contains("replayed 15 cameras of " + merged + ", each camera alone from its input log: 15 identical,"
                + " 0 different"), out.toString());

        assertFalse(Files.exists(whole.resolve(RunRecord.INPUTS)), "--no-input-log writes none");
        assertEquals(2, bodycam("replay", whole.toString(), "--device", "CAR-01"));
        assertTrue(err.toString().contains("without inputs.jsonl"), err.toString());
    }

    @Test
    void every_camera_ran_in_exactly_one_shard() throws IOException {
        Map<String, List<String>> ranIn = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            for (String line : Files.readAllLines(shards.get(i).resolve(RunRecord.DEVICES))) {
                JsonNode n = JSON.readTree(line);
                ranIn.computeIfAbsent(n.path("deviceId").asText(), k -> new ArrayList<>()).add(i + "/3");
                assertEquals(i, (n.path("index").asInt() - 1) % 3, "shard " + i + " runs " + n);
            }
            Set<String> own = new TreeSet<>();
            Files.readAllLines(shards.get(i).resolve(RunRecord.EVENTS)).forEach(l -> own.add(l.replaceAll(".*\"deviceId\":\"([^\"]+)\".*", "$1")));
            for (String id : own) {
                assertEquals(List.of(i + "/3"), ranIn.get(id), id + " has events in shard " + i);
            }
        }
        assertEquals(15, ranIn.size(), "cameras: " + ranIn.keySet());
        ranIn.forEach((id, in) -> assertEquals(1, in.size(), id + " ran in " + in));
    }

    @Test
    void the_merged_record_is_a_record_like_any_other() throws IOException {
        Path merged = dir.resolve("merged-again");
        assertEquals(0, bodycam("report", "merge", shards.get(0).toString(), shards.get(1).toString(), shards.get(2).toString(),
                "--out", merged.toString()), out + "\n" + err);
        String junit = Files.readString(merged.resolve(RunRecord.JUNIT));
        assertTrue(junit.contains("tests=\"6\" failures=\"0\""), junit);
        assertTrue(Files.size(merged.resolve(RunRecord.REPORT)) > 100_000, "report.html written");
        assertTrue(Files.readString(merged.resolve(RunRecord.REPORT)).contains("\"mergedFrom\":\"0/3, 1/3, 2/3\""));
        assertEquals(0, bodycam("report", merged.toString()), err.toString());
        assertTrue(out.toString().contains("bodycam run sharded   seed 21   PASSED"), out.toString());
        assertTrue(out.toString().contains("  merged      from shards 0/3, 1/3, 2/3 (bodycam report merge)"), out.toString());
        int compared = bodycam("report", "--compare", whole.toString(), merged.toString(), "--out", dir.resolve("c.html").toString());
        assertTrue(compared == 0 || compared == 1, "compare judged the two: " + out + err);
        assertTrue(Files.size(dir.resolve("c.html")) > 100_000);
    }

    @Test
    void bad_input_exits_2_with_the_reason() {
        assertEquals(2, bodycam("report", "merge", shards.get(0).toString(), shards.get(1).toString()));
        assertEquals("bodycam report merge: shards 0/3, 1/3 given; 2/3 missing", err.toString().strip());
        assertEquals(2, bodycam("report", "merge", shards.get(0).toString(), shards.get(1).toString(), shards.get(2).toString(),
                whole.toString()));
        assertTrue(err.toString().contains(whole + " is not a shard but a whole run (shard 0/1)"), err.toString());
        assertEquals(2, bodycam("report", "merge", shards.get(0).toString(), shards.get(0).toString(), shards.get(2).toString()));
        assertEquals("bodycam report merge: shard 0/3 given twice: " + shards.get(0) + " and " + shards.get(0), err.toString().strip());
        assertEquals(2, bodycam("report", "merge"));
        assertTrue(err.toString().contains("Missing required parameter"), err.toString());
    }

    @Test
    void a_merged_assertion_that_fails_exits_1() throws IOException {
        // the same shards with a stricter scenario: make every shard's first assertion ask for 16 cameras
        List<Path> strict = new ArrayList<>();
        for (Path s : shards) {
            Path copy = dir.resolve("strict-" + s.getFileName());
            copyTree(s, copy);
            Path summary = copy.resolve(RunRecord.SUMMARY);
            Files.writeString(summary, Files.readString(summary).replace("devices.connectedPeak == 15", "devices.connectedPeak == 16"));
            strict.add(copy);
        }
        assertEquals(1, bodycam("report", "merge", strict.get(0).toString(), strict.get(1).toString(), strict.get(2).toString(),
                "--out", dir.resolve("strict-merged").toString()), out + "\n" + err);
        assertTrue(out.toString().contains("FAIL  devices.connectedPeak == 16"), out.toString());
        assertTrue(Files.readString(dir.resolve("strict-merged").resolve(RunRecord.JUNIT)).contains("failures=\"1\""));
    }

    private static Map<String, Integer> eventsByType(Path run) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(run.resolve(RunRecord.EVENTS))) {
            String type = JSON.readTree(line).path("type").asText();
            if (DETERMINISTIC.contains(type)) {
                counts.merge(type, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, String> outcomes(Path run) throws IOException {
        Map<String, String> map = new TreeMap<>();
        for (String line : Files.readAllLines(run.resolve(RunRecord.EVIDENCE))) {
            JsonNode n = JSON.readTree(line);
            map.put(n.path("segmentId").asText(), n.path("outcome").asText());
        }
        return map;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
