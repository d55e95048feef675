package io.bodycam.bench.run;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** scenarios/tls-mosquitto.yaml as docs/security.md runs it: the whole bench, cameras and observer over mutual TLS. */
class TlsMosquittoScenarioTest {

    private static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("scenarios/tls-mosquitto.yaml");

    @Test
    void fifty_cameras_over_mutual_tls_pass_the_scenario_against_mosquitto(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MosquittoTls.installed(), "mosquitto is not installed");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ids.add(String.format("TLS-%03d", i));
        }
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), ids, 2).layout();
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
        }
    }
}
