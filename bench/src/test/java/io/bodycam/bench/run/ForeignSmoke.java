package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.testing.TcpTap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's compose-smoke scenario run against a foreign broker and store with a device profile, the
 * store behind a {@link TcpTap} that counts the bytes sent to it; what the foreign-store tests share.
 */
record ForeignSmoke(ScenarioRunner.Result result, JsonNode evidence, long sent, String figures) {

    static ForeignSmoke run(Path dir, String mqtt, String upload, String profile, TcpTap tap, String store) throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("backend.mqtt", mqtt);
        set.put("backend.upload", upload);
        set.put("backend.profile", profile);
        Path file = Path.of("..", "scenarios", "compose-smoke.yaml");
        Scenario scenario = ScenarioLoader.load(file, new Substitutions(name -> null, set));
        StringWriter console = new StringWriter();
        ScenarioRunner.Result result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir,
                Files.readString(file), new PrintWriter(console, true), false, 2, null, Shard.WHOLE));
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile());
        JsonNode evidence = summary.path("evidence");
        String figures = "summary evidence: " + evidence + "\nsent to " + store + ": " + tap.upstreamBytes()
                + " bytes\nassertions: " + summary.path("assertions") + "\nconsole:\n" + console;
        long recorded = evidence.path("bytesRecorded").asLong();
        // one line per run in the test's output, for the table in docs/backends.md
        System.out.printf(java.util.Locale.ROOT, "FOREIGN-SMOKE profile=%s store=%s recorded=%d verified=%d lost=%d "
                        + "duplicated=%d unexpected=%s bytesRecorded=%d bytesSent=%d ratio=%.3f method=%s%n", profile, store,
                evidence.path("segmentsRecorded").asInt(), evidence.path("verified").asInt(), evidence.path("lost").asInt(),
                evidence.path("duplicated").asInt(), evidence.path("unexpected").asText(), recorded, tap.upstreamBytes(),
                recorded == 0 ? 0 : tap.upstreamBytes() / (double) recorded, evidence.path("method").asText());
        return new ForeignSmoke(result, evidence, tap.upstreamBytes(), figures);
    }

    /** Every segment proved, none lost or doubled, and at most 1.05 times the recorded bytes sent. */
    void assertProvedOnceWithoutAmplification() {
        long recorded = evidence.path("bytesRecorded").asLong(-1);
        assertEquals(0, evidence.path("lost").asInt(-1), figures);
        assertEquals(0, evidence.path("duplicated").asInt(-1), figures);
        assertTrue(evidence.path("segmentsRecorded").asInt() >= 10, figures);
        assertEquals(evidence.path("segmentsRecorded").asInt(), evidence.path("verified").asInt(), figures);
        assertTrue(recorded > 0, figures);
        // HTTP request lines and headers (creation, PATCH, read-back GET) ride on top: 4 KiB a segment
        assertTrue(sent <= 1.05 * recorded + 4096L * evidence.path("segmentsRecorded").asInt(), figures);
    }

    /**
     * The figures were proved by the bench reading the store back with {@code method}, not by the cameras'
     * word, and the cameras' own proofs, kept beside, count the same: all verified, none lost or doubled.
     */
    void assertProvedByTheStoreReadBack(String method) {
        assertEquals(method, evidence.path("method").asText(), figures);
        assertEquals(1, evidence.path("fromStoreReadBack").asInt(-1), figures);
        assertEquals(0, evidence.path("fromCameraProofs").asInt(-1), figures);
        assertTrue(evidence.path("readBackFailed").isMissingNode(), figures);
        assertEquals(0, evidence.path("corrupt").asInt(-1), figures);
        JsonNode cameras = evidence.path("cameraProofs");
        assertEquals(evidence.path("verified").asInt(), cameras.path("verified").asInt(-1), figures);
        assertEquals(0, cameras.path("lost").asInt(-1), figures);
        assertEquals(0, cameras.path("duplicated").asInt(-1), figures);
        assertEquals(0, cameras.path("corrupt").asInt(-1), figures);
    }
}
