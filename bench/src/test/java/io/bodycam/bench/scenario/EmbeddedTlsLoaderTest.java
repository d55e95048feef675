package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedTlsLoaderTest {

    @TempDir
    Path dir;

    private Path scenario(String backend) throws Exception {
        Path file = dir.resolve("tls.yaml");
        Files.writeString(file, "name: t\nduration: 1h\nbackend:\n" + backend + "fleet:\n  - count: 2\n");
        return file;
    }

    @Test
    void the_embedded_backend_with_certs_speaks_tls_trusting_the_ca_of_that_directory() throws Exception {
        Scenario s = ScenarioLoader.load(scenario("  tls: {certs: pki}\n"));
        assertTrue(s.backend().embedded());
        assertTrue(s.backend().mqttTls());
        assertEquals(dir.resolve("pki"), s.backend().tls().certs());
        assertEquals(dir.resolve("pki/ca.pem"), s.backend().tls().ca());
        assertTrue(s.backend().tls().verifyHostname());
        assertEquals(BackendTls.Uploads.PLAIN, s.backend().tls().uploads());
        assertFalse(s.backend().uploadTls(), "the evidence server stays plain unless asked");
    }

    @Test
    void uploads_tls_or_mutual_put_the_embedded_evidence_server_on_https() throws Exception {
        Scenario mutual = ScenarioLoader.load(scenario("  tls: {certs: pki, uploads: mutual}\n"));
        assertEquals(BackendTls.Uploads.MUTUAL, mutual.backend().tls().uploads());
        assertTrue(mutual.backend().uploadTls());
        Scenario tls = ScenarioLoader.load(scenario("  tls: {certs: pki, uploads: tls}\n"));
        assertEquals(BackendTls.Uploads.TLS, tls.backend().tls().uploads());
        assertTrue(tls.backend().uploadTls());
        Path file = scenario("  tls: {certs: pki, uploads: sometimes}\n");
        assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
    }

    @Test
    void a_ca_for_the_embedded_backend_is_refused_at_its_line_and_column() throws Exception {
        Path file = scenario("  tls:\n    certs: pki\n    ca: other.pem\n");
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("tls.yaml:5:5: tls of the embedded backend takes only certs"), first);
    }

    @Test
    void the_embedded_backend_without_tls_stays_plain() throws Exception {
        Scenario s = ScenarioLoader.load(scenario("  mqttVersion: \"5\"\n"));
        assertTrue(s.backend().embedded());
        assertEquals(false, s.backend().mqttTls());
    }
}
