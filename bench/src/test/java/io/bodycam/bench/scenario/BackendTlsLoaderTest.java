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

class BackendTlsLoaderTest {

    @TempDir
    Path dir;

    private Path scenario(String backend) throws Exception {
        Path file = dir.resolve("tls.yaml");
        Files.writeString(file, "name: t\nduration: 1h\nbackend:\n" + backend + "fleet:\n  - count: 2\n");
        return file;
    }

    @Test
    void mqtts_with_a_ca_and_a_pki_directory_resolves_both_next_to_the_scenario() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "");
        Files.createDirectories(dir.resolve("pki/devices"));
        Scenario s = ScenarioLoader.load(scenario("""
                  mqtt: mqtts://127.0.0.1:8883
                  upload: http://127.0.0.1:8080
                  username: "{deviceId}"
                  tls: {ca: ca.pem, certs: pki}
                """));
        assertTrue(s.backend().mqttTls());
        assertEquals(dir.resolve("ca.pem"), s.backend().tls().ca());
        assertEquals(dir.resolve("pki"), s.backend().tls().certs());
        assertTrue(s.backend().tls().verifyHostname(), "hostname verification is on by default");
        assertEquals("CAM-0002", DeviceTemplates.fill(s.backend().username(), "CAM-0002"));
    }

    @Test
    void a_missing_ca_file_is_reported_at_its_line_and_column() throws Exception {
        Path file = scenario("""
                  mqtt: mqtts://127.0.0.1:8883
                  upload: http://127.0.0.1:8080
                  tls:
                    ca: nowhere.pem
                """);
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("tls.yaml:7:9: tls.ca: no such file"), first);
    }

    @Test
    void tls_with_neither_an_mqtts_nor_an_https_url_is_refused() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "");
        Path file = scenario("""
                  mqtt: tcp://127.0.0.1:1883
                  upload: http://127.0.0.1:8080
                  tls: {ca: ca.pem}
                """);
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.getMessage().contains("tls needs an mqtts:// or https:// URL"), e.getMessage());
    }

    @Test
    void an_https_upload_url_takes_tls_beside_a_plain_broker() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "");
        Path file = scenario("""
                  mqtt: tcp://127.0.0.1:1883
                  upload: https://127.0.0.1:8443
                  tls: {ca: ca.pem}
                """);
        Backend b = ScenarioLoader.load(file).backend();
        assertTrue(b.uploadTls());
        assertFalse(b.mqttTls());
        assertEquals(dir.resolve("ca.pem"), b.tls().ca());
    }

    @Test
    void tls_uploads_is_only_for_the_embedded_evidence_server() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "");
        Path file = scenario("""
                  mqtt: mqtts://127.0.0.1:8883
                  upload: https://127.0.0.1:8443
                  tls: {ca: ca.pem, uploads: mutual}
                """);
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.getMessage().contains("tls.uploads is for the embedded evidence server"), e.getMessage());
    }

    @Test
    void a_plain_backend_has_no_tls() throws Exception {
        Scenario s = ScenarioLoader.load(scenario("  mqtt: tcp://127.0.0.1:1883\n  upload: http://127.0.0.1:8080\n"));
        assertFalse(s.backend().mqttTls());
        assertEquals(null, s.backend().tls());
    }
}
