package io.bodycam.bench.run;

import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.testing.MosquittoTls;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** scenarios/tls-mosquitto.yaml as docs/security.md runs it: the whole bench, cameras and observer over mutual TLS. */
class TlsMosquittoScenarioTest {

    @Test
    void fifty_cameras_over_mutual_tls_pass_the_scenario_against_mosquitto(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MosquittoTls.installed(), "mosquitto is not installed");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ids.add(String.format("TLS-%03d", i));
        }
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), ids, 2).layout();
        MosquittoTlsRun run = MosquittoTlsRun.of("scenarios/tls-mosquitto.yaml", pki, dir, false);
        assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.console());
    }
}
