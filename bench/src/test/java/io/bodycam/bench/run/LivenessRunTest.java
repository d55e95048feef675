package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.time.PausableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness assertions in a real run (embedded backend, three cameras, a held clock stepped two virtual
 * seconds a look): {@code eventually} passes once its condition is seen within its bound, from the run's
 * start or from a phase's opening, and fails when the bound passes first.
 */
class LivenessRunTest {

    private static final String SCENARIO = """
            name: liveness
            seed: 5
            duration: 40m
            payloadScale: 0.0005
            fleet:
              - name: patrol
                count: 3
                idPattern: "LIV-{index:0}"
                agency: liv
            behaviour:
              incidentsPerHour: 0
            timeline:
              - at: 10m
                powerOn: {over: 10s}
                phase: patrol
            assertions:
              - {expr: devices.online == 3, eventually: 15m}
              - {expr: devices.online == 3, eventually: 5m, after: patrol}
              - {expr: devices.online == 3, eventually: 1m}
              - {expr: devices.online == 4, eventually: 20m, after: patrol}
            """;

    @Test
    void eventually_passes_once_seen_within_its_bound_and_fails_when_the_bound_passes_first(@TempDir Path dir) throws Exception {
        Scenario scenario = ScenarioLoader.parse("liveness.yaml", SCENARIO);
        StringWriter console = new StringWriter();
        ScenarioRunner.Result result;
        try (PausableClock clock = PausableClock.paused(Instant.parse("2027-03-01T08:00:00Z").toEpochMilli())) {
            result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir, SCENARIO,
                    new PrintWriter(console), false, 1, null, Shard.WHOLE), Timing.stepped(clock, Duration.ofSeconds(2)));
        }

        assertEquals(ScenarioRunner.ASSERTION_FAILED, result.exitCode(), result.message() + "\n" + console);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        Map<String, Boolean> passed = new LinkedHashMap<>();
        summary.path("assertions").forEach(a -> passed.put(a.path("expr").asText(), a.path("passed").asBoolean()));
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("devices.online == 3 within 15m", true);
        expected.put("devices.online == 3 within 5m after patrol", true);
        expected.put("devices.online == 3 within 1m", false);
        expected.put("devices.online == 4 within 20m after patrol", false);
        assertEquals(expected, passed, summary.path("assertions").toString());
    }
}
