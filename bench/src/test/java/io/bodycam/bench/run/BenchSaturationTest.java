package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench overloaded on purpose: 300 cameras all recording with a GPS report every virtual second, at
 * speed 500 on one event-loop thread, are some 150,000 messages a wall second, far beyond what one
 * process can make and watch. The run must call itself saturated, say so, and fail an assertion on it,
 * rather than hand its own backlog over as the backend's latency.
 */
class BenchSaturationTest {

    private static final String SCENARIO = """
            name: overload
            seed: 3
            duration: 2h
            clock:
              speed: 500
            payloadScale: 0.0001
            fleet:
              - name: flood
                count: 300
                idPattern: "OVL-{index:000}"
                agency: ovl
                camera: {gpsIntervalRecording: 1s}
            behaviour:
              incidentsPerHour: 0
            timeline:
              - at: 0s
                powerOn: {over: 5s}
              - at: 20m
                surge: {fraction: 100%, over: 5s, length: 2h}
            assertions:
              - bench.saturated == 0
            """;

    @Test
    void a_bench_that_cannot_keep_up_calls_itself_saturated_and_fails_the_assertion(@TempDir Path dir) throws Exception {
        Scenario scenario = ScenarioLoader.parse("overload.yaml", SCENARIO);
        StringWriter console = new StringWriter();
        ScenarioRunner.Result result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir,
                SCENARIO, new PrintWriter(console), false, 1, null, Shard.WHOLE), Timing.wall());

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertEquals(1, summary.path("bench").path("saturated").asInt(), summary.toString());
        assertTrue(console.toString().contains("SATURATED"), console.toString());
        assertEquals(ScenarioRunner.ASSERTION_FAILED, result.exitCode(), result.message() + "\n" + console);
    }
}
