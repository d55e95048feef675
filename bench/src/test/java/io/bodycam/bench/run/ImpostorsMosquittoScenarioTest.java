package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.bench.scenario.Impostors;
import io.bodycam.bench.testing.MosquittoTls;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scenarios/impostors-mosquitto.yaml as docs/security.md runs it: Debian's Mosquitto with a required fleet
 * certificate, the CRL, CN as user name and a per-camera ACL refuses every impostor, and the honest fleet passes.
 */
class ImpostorsMosquittoScenarioTest {

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
        MosquittoTlsRun run = MosquittoTlsRun.of("scenarios/impostors-mosquitto.yaml", pki, dir, true);
        assertEquals(ScenarioRunner.PASSED, run.result().exitCode(), run.result().message() + "\n" + run.console());
        JsonNode security = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile()).path("security");
        assertEquals(6, security.path("refused").asInt(), security.toString());
        for (ImpostorKind k : ImpostorKind.values()) {
            assertEquals(0, security.path(k.yamlName()).path("accepted").asInt(), k + " in " + security);
        }
        assertTrue(run.brokerLog().contains("certificate verify failed"), "Mosquitto refused certificates at the handshake");
        assertTrue(run.console().contains("impostor otherUpload against IMP-0001: refused: POST /files/ naming IMP-0001 answered 403"),
                run.console());
    }
}
