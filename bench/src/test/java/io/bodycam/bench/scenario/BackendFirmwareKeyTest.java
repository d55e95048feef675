package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.sim.firmware.FirmwareSigner;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.WallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backend.firmwareKey}: cameras in a run against an external backend trust the key it signs
 * firmware with, so its {@code updateFirmware} commands are not all refused (issue 12, part 4).
 */
class BackendFirmwareKeyTest {

    private static final String KEY = FirmwareSigner.generate().publicKey();

    private static String scenario(String key) {
        return """
                name: k
                duration: 1h
                backend:
                  mqtt: tcp://127.0.0.1:1883
                  upload: http://127.0.0.1:8080
                  firmwareKey: %s
                fleet:
                  - count: 3
                """.formatted(key);
    }

    @Test
    void every_camera_of_an_external_run_trusts_the_backends_firmware_key() {
        Scenario s = ScenarioLoader.parse("s.yaml", scenario(KEY));
        assertEquals(KEY, s.backend().firmwareKey());
        try (Fleet fleet = new Fleet(s, Fleet.Routes.direct(s.backend().mqtt(), s.backend().upload()),
                WallClock.realTime(), Transport.best(), 1, e -> { })) {
            assertEquals(3, fleet.members().size());
            fleet.members().forEach(m -> assertEquals(KEY, m.camera().config().firmwareKey(), m.camera().deviceId()));
        }
    }

    @Test
    void the_key_may_come_from_a_pem_file_beside_the_scenario(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("firmware.pem"), "-----BEGIN PUBLIC KEY-----\n" + KEY.substring(0, 20) + "\n"
                + KEY.substring(20) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("s.yaml"), scenario("firmware.pem"));
        assertEquals(KEY, ScenarioLoader.load(dir.resolve("s.yaml")).backend().firmwareKey());
    }

    @Test
    void without_a_key_an_external_backend_gives_none() {
        Scenario s = ScenarioLoader.parse("s.yaml", scenario(KEY).replace("  firmwareKey: " + KEY + "\n", ""));
        assertNull(s.backend().firmwareKey());
    }

    @Test
    void a_key_that_is_not_ed25519_is_reported_where_it_is_written() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", scenario("c2VjcmV0")));
        String first = e.problems().get(0).format();
        assertTrue(first.startsWith("s.yaml:6:16: firmwareKey must be a base64 X.509 Ed25519 public key"),
                "got:\n" + e.getMessage());
    }
}
