package io.bodycam.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PkiCommandTest {

    @TempDir
    Path dir;

    @Test
    void pki_create_writes_one_certificate_per_camera_and_says_how_long_it_took() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "pki", "create", "--out", dir.toString(), "--cameras", "5", "--id-pattern", "UNIT-{index:000}");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("5 device certificates (EC P-256) in "), out.toString());
        for (String id : new String[]{"UNIT-001", "UNIT-005"}) {
            assertTrue(Files.isRegularFile(dir.resolve("devices").resolve(id + ".pem")), id);
            assertTrue(Files.isRegularFile(dir.resolve("devices").resolve(id + ".key")), id);
        }
        assertTrue(Files.isRegularFile(dir.resolve("ca.pem")));
        assertTrue(Files.isRegularFile(dir.resolve("server.pem")));
    }

    @Test
    void pki_create_with_impostors_adds_their_certificates_and_revokes_one() throws Exception {
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "pki", "create", "--out", dir.toString(), "--cameras", "2", "--impostors");
        assertEquals(0, code, err.toString());
        for (String id : new String[]{"CAM-0001", "IMPOSTOR-REVOKED", "IMPOSTOR-TOPIC", "IMPOSTOR-WILL", "IMPOSTOR-UPLOAD"}) {
            assertTrue(Files.isRegularFile(dir.resolve("devices").resolve(id + ".pem")), id);
        }
        String manifest = Files.readString(dir.resolve("manifest.yaml"));
        assertTrue(manifest.contains("revoked: [IMPOSTOR-REVOKED]"), manifest);
    }

    @Test
    void pki_create_without_a_fleet_is_a_usage_error() {
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "pki", "create", "--out", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--cameras N or --scenario FILE"), err.toString());
    }
}
