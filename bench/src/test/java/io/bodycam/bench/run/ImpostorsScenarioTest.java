package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scenarios/impostors.yaml as docs/security.md runs it: 200 honest cameras pass, every impostor is refused. */
class ImpostorsScenarioTest {

    private static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("scenarios/impostors.yaml");

    @Test
    void every_impostor_is_refused_and_the_honest_fleet_passes_on_the_embedded_backend(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        Scenario s = ScenarioLoader.load(FILE, new Substitutions(Map.of("BODYCAM_IMPOSTORS_PKI", pki.toString())::get, Map.of()));
        StringWriter console = new StringWriter();
        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(dir.resolve("run"), dir,
                Files.readString(FILE), new PrintWriter(console), false, 0, null, Shard.WHOLE));
        assertEquals(ScenarioRunner.PASSED, r.exitCode(), r.message() + "\n" + console);
        assertTrue(Files.isRegularFile(pki.resolve("devices").resolve("IMPOSTOR-REVOKED.pem")), "the impostors' certificates were made");
        JsonNode security = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile()).path("security");
        assertEquals(6, security.path("attempts").asInt(), security.toString());
        assertEquals(6, security.path("refused").asInt(), security.toString());
        for (ImpostorKind k : ImpostorKind.values()) {
            assertEquals(1, security.path(k.yamlName()).path("refused").asInt(), k + " in " + security);
            assertEquals(0, security.path(k.yamlName()).path("accepted").asInt(), k + " in " + security);
        }
        assertTrue(console.toString().contains("impostor otherUpload against IMP-0001: refused: POST /files/ naming IMP-0001 answered 403"),
                console.toString());
    }
}
