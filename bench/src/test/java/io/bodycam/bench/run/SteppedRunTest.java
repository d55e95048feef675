package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.time.PausableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run driven tick by tick on a clock the test holds: three real cameras against the embedded
 * backend (real broker and evidence server over loopback), every tick of the watch loop two virtual
 * seconds further, with no wall-clock pace at all. The run records, docks, uploads and ends by itself
 * once the fleet is drained, and its record shows virtual hours passed in far fewer wall seconds.
 */
class SteppedRunTest {

    private static final String SCENARIO = """
            name: stepped
            seed: 7
            duration: 4h
            payloadScale: 0.0005
            fleet:
              - name: patrol
                count: 3
                idPattern: "STP-{index:0}"
                agency: ipd
            behaviour:
              incidentsPerHour: 0
            timeline:
              - at: 0s
                powerOn: {over: 10s}
              - at: 5m
                surge: {fraction: 100%, over: 5s, length: 12m}
              - at: 40m
                dock: {over: 30s}
            assertions:
              - devices.connectedPeak == 3
              - evidence.segmentsRecorded >= 3
              - evidence.lost == 0
              - evidence.pending == 0
              - evidence.duplicated == 0
            """;

    @Test
    void a_run_on_a_held_clock_records_docks_uploads_and_ends_by_itself_tick_by_tick(@TempDir Path dir) throws Exception {
        Scenario scenario = ScenarioLoader.parse("stepped.yaml", SCENARIO);
        StringWriter console = new StringWriter();
        ScenarioRunner.Result result;
        long wallStart = System.nanoTime();
        try (PausableClock clock = PausableClock.paused(Instant.parse("2027-03-01T08:00:00Z").toEpochMilli())) {
            result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir, SCENARIO,
                    new PrintWriter(console), false, 1, null, Shard.WHOLE), Timing.stepped(clock, Duration.ofSeconds(2)));
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        assertEquals(ScenarioRunner.PASSED, result.exitCode(), result.message() + "\n" + console);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertEquals("timeline over, every camera docked and idle or off, every message delivered",
                summary.path("endReason").asText(), summary.toString());
        double virtualSeconds = summary.path("run").path("virtualTime").asDouble() / 1000;
        assertTrue(virtualSeconds >= 40 * 60, "the run reached the dock wave: " + virtualSeconds + " virtual s");
        assertTrue(virtualSeconds < 4 * 3600, "and ended before its duration: " + virtualSeconds + " virtual s");
        assertTrue(wallSeconds < virtualSeconds / 10, "virtual time was not paced by the wall clock: " + virtualSeconds
                + " virtual s took " + wallSeconds + " wall s");
        JsonNode evidence = summary.path("evidence");
        assertEquals(evidence.path("segmentsRecorded").asLong(), evidence.path("verified").asLong(), evidence.toString());
        assertTrue(Files.readString(dir.resolve("run/events.jsonl")).contains("\"type\":\"segment.purged\""));
    }
}
