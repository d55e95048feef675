package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.bench.scenario.Impostors;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.bench.testing.MosquittoTls;
import io.bodycam.sim.time.WallClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scenarios/impostors-mosquitto.yaml as docs/security.md runs it: Debian's Mosquitto with a required fleet
 * certificate, the CRL, CN as user name and a per-camera ACL refuses every impostor, and the honest fleet passes.
 */
class ImpostorsMosquittoScenarioTest {

    private static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("scenarios/impostors-mosquitto.yaml");

    @Test
    void mosquitto_for_certificates_refuses_every_impostor_and_the_honest_fleet_passes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MosquittoTls.installed(), "mosquitto is not installed");
        Impostors impostors = Impostors.everyKind(Duration.ZERO);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            ids.add(String.format("IMP-%04d", i));
        }
        ids.addAll(impostors.certificateIds());
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), ids, impostors.revokedIds(), 2).layout();
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), 1, lag -> { });
        try (MosquittoTls broker = MosquittoTls.start(pki, dir.resolve("mosquitto"));
             EvidenceServer evidence = new EvidenceServer(clock, new EvidenceLedger(), new DeviceConfigStore(),
                     EvidenceServerConfig.defaults()).start()) {
            Map<String, String> env = Map.of("BODYCAM_PKI", pki.dir().toString(), "BODYCAM_MQTTS", broker.url().toString(),
                    "BODYCAM_UPLOAD", evidence.uri().toString());
            Scenario s = ScenarioLoader.load(FILE, new Substitutions(env::get, Map.of()));
            StringWriter console = new StringWriter();
            ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(dir.resolve("run"), dir,
                    Files.readString(FILE), new PrintWriter(console), false, 0, null, Shard.WHOLE));
            assertEquals(ScenarioRunner.PASSED, r.exitCode(), r.message() + "\n" + console);
            JsonNode security = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile()).path("security");
            assertEquals(5, security.path("refused").asInt(), security.toString());
            for (ImpostorKind k : ImpostorKind.values()) {
                assertEquals(0, security.path(k.yamlName()).path("accepted").asInt(), k + " in " + security);
            }
            assertTrue(broker.log().contains("certificate verify failed"), "Mosquitto refused certificates at the handshake");
        }
    }
}
