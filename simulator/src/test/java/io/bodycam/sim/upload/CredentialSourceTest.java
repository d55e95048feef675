package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourceTest {

    @TempDir
    Path dir;

    @Test
    void templates_give_each_camera_its_own_credentials() {
        CredentialSource source = CredentialSource.templates("{agency}-{deviceId}", "s3cr3t-{deviceId}");

        assertEquals(new Credentials("metro-IPD-7", "s3cr3t-IPD-7"), source.forDevice("IPD-7", "metro"));
    }

    @Test
    void a_file_gives_each_listed_camera_its_line_and_refuses_the_others() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "# deviceId id secret\nIPD-1 AK1 SK1\n\nIPD-2  AK2\tSK2\n");
        CredentialSource source = CredentialSource.file(file);

        assertEquals(new Credentials("AK2", "SK2"), source.forDevice("IPD-2", "metro"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.forDevice("IPD-3", "metro"));
        assertEquals("credentials file " + file + " has no line for device IPD-3", e.getMessage());
    }

    @Test
    void a_malformed_line_is_named_by_file_and_line() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "IPD-1 AK1 SK1\nIPD-2 AK2\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CredentialSource.file(file));

        assertEquals(file + ":2: expected 'deviceId id secret', found 2 fields", e.getMessage());
    }

    @Test
    void the_secret_never_shows_in_text() {
        assertEquals("Credentials[id=AK, secret=***]", new Credentials("AK", "SK").toString());
    }
}
