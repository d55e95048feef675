package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Shard;
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

/** scenarios/tls-quickstart.yaml as README and docs/security.md run it: the run makes the certificates, then passes. */
class TlsQuickstartScenarioTest {

    private static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("scenarios/tls-quickstart.yaml");

    @Test
    void two_hundred_cameras_over_mutual_tls_pass_against_the_embedded_backend(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        Scenario s = ScenarioLoader.load(FILE, new Substitutions(Map.of("BODYCAM_PKI", pki.toString())::get, Map.of()));
        StringWriter console = new StringWriter();
        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(dir.resolve("run"), dir,
                Files.readString(FILE), new PrintWriter(console), false, 0, null, Shard.WHOLE));
        assertEquals(ScenarioRunner.PASSED, r.exitCode(), r.message() + "\n" + console);
        assertTrue(console.toString().contains("created 200 camera certificates in " + pki), console.toString());
        assertTrue(Files.isRegularFile(pki.resolve("devices").resolve("TLS-0200.pem")));
    }
}
