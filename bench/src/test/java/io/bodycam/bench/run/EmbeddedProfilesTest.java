package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each shipped read-back profile runs out of the box on the embedded backend: a short run of four cameras,
 * every segment they record proved by reading it back from the embedded evidence server, none lost or doubled.
 */
class EmbeddedProfilesTest {

    /** Four cameras record for three minutes each, dock and upload: four seconds of wall time at speed 240. */
    private static final String TINY = """
            name: embedded-profile
            seed: 11
            duration: 16m
            clock:
              speed: 240
            payload: synthetic
            payloadScale: 0.002
            backend:
              profile: bwc-v1
            fleet:
              - name: patrol
                count: 4
                idPattern: "EMB-{index:0}"
                agency: embedded
            behaviour:
              incidentsPerHour: 0
            timeline:
              - at: 0s
                powerOn: {over: 5s}
              - at: 5m
                surge: {fraction: 100%, over: 5s, length: 3m}
              - at: 10m
                dock: {over: 10s}
            assertions:
              - evidence.segmentsRecorded >= 4
              - evidence.lost == 0
              - evidence.duplicated == 0
              - evidence.corrupt == 0
              - evidence.pending == 0
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tus-generic", "s3", "put", "axis-bwi"})
    void a_read_back_profile_proves_every_segment_against_the_embedded_backend(String profile, @TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        Scenario scenario = ScenarioLoader.load(file, new Substitutions(name -> null, Map.of("backend.profile", profile)));
        StringWriter console = new StringWriter();

        ScenarioRunner.Result result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir,
                TINY, new PrintWriter(console, true), false, 2, null, Shard.WHOLE));

        JsonNode evidence = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile()).path("evidence");
        String figures = "evidence: " + evidence + "\nconsole:\n" + console;
        assertTrue(evidence.path("segmentsRecorded").asInt() >= 4, figures);
        assertEquals(evidence.path("segmentsRecorded").asInt(), evidence.path("verified").asInt(), figures);
        assertEquals(0, evidence.path("lost").asInt(-1), figures);
        assertEquals(0, evidence.path("duplicated").asInt(-1), figures);
        assertEquals(ScenarioRunner.PASSED, result.exitCode(), result.message() + "\n" + figures);
        try (Stream<Path> files = Files.walk(dir.resolve("run").resolve(VideoRun.STORE))) {
            assertEquals(evidence.path("segmentsRecorded").asLong(), files.filter(Files::isRegularFile).count(),
                    "one stored file per segment under the run's store/\n" + figures);
        }
    }
}
