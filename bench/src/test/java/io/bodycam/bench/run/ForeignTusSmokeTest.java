package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.testing.TusNodeServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's compose-smoke scenario with {@code --set backend.profile=tus-generic} against servers
 * nobody here wrote: Debian's Mosquitto and the reference JavaScript tus server. Every segment ends
 * proved by the cameras' read-back, none lost or doubled, and the tus server is sent (measured by a
 * relay in front of it) at most 1.05 times the bytes recorded: the old re-upload loop cannot come back.
 */
class ForeignTusSmokeTest {

    @Test
    void smoke_with_tus_generic_against_mosquitto_and_tus_node_server(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(TusNodeServer.unavailable().isEmpty(), () -> "skipped: " + TusNodeServer.unavailable().orElse(""));
        try (MosquittoProcess mosquitto = MosquittoProcess.start(); TusNodeServer tus = TusNodeServer.start();
             TcpTap tap = TcpTap.to(tus.endpoint().getPort())) {
            Map<String, String> set = new LinkedHashMap<>();
            set.put("backend.mqtt", mosquitto.url());
            set.put("backend.upload", "http://127.0.0.1:" + tap.port() + tus.endpoint().getRawPath());
            set.put("backend.profile", "tus-generic");
            Path file = Path.of("..", "scenarios", "compose-smoke.yaml");
            Scenario scenario = ScenarioLoader.load(file, new Substitutions(name -> null, set));
            StringWriter console = new StringWriter();
            ScenarioRunner.Result result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir,
                    Files.readString(file), new PrintWriter(console, true), false, 2, null, Shard.WHOLE));
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile());
            JsonNode evidence = summary.path("evidence");
            long recorded = evidence.path("bytesRecorded").asLong(-1);
            String figures = "summary evidence: " + evidence + "\nsent to the tus server: " + tap.upstreamBytes()
                    + " bytes\nassertions: " + summary.path("assertions") + "\nconsole:\n" + console;
            assertEquals(0, evidence.path("lost").asInt(-1), figures);
            assertEquals(0, evidence.path("duplicated").asInt(-1), figures);
            assertTrue(evidence.path("segmentsRecorded").asInt() >= 10, figures);
            assertEquals(evidence.path("segmentsRecorded").asInt(), evidence.path("verified").asInt(), figures);
            assertTrue(recorded > 0, figures);
            // HTTP request lines and headers (creation, PATCH, read-back GET) ride on top: 4 KiB a segment
            assertTrue(tap.upstreamBytes() <= 1.05 * recorded + 4096L * evidence.path("segmentsRecorded").asInt(), figures);
            assertEquals(ScenarioRunner.PASSED, result.exitCode(), result.message() + "\n" + figures);
        }
    }
}
