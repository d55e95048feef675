package io.bodycam.sim.upload;

import io.bodycam.sim.recording.ByteSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadRequestTest {

    private static final String SHA = "0".repeat(64);
    private static final ByteSource EMPTY = new InMemoryByteSource(new byte[0]);

    @Test
    void the_sha256_joins_the_metadata_the_backend_checks_against() {
        UploadRequest r = new UploadRequest("S-1", Map.of("deviceId", "IPD-1"), EMPTY, SHA);

        assertEquals(SHA, r.metadata().get("sha256"));
    }

    @Test
    void a_metadata_sha256_that_differs_from_the_request_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new UploadRequest("S-1", Map.of("sha256", "1".repeat(64)), EMPTY, SHA));
    }

    @Test
    void metadata_keys_with_spaces_or_commas_are_refused_as_tus_requires() {
        assertThrows(IllegalArgumentException.class, () -> new UploadRequest("S-1", Map.of("a b", "x"), EMPTY, SHA));
        assertThrows(IllegalArgumentException.class, () -> new UploadRequest("S-1", Map.of("a,b", "x"), EMPTY, SHA));
        assertThrows(IllegalArgumentException.class, () -> new UploadRequest("S-1", Map.of("", "x"), EMPTY, SHA));
    }

    @Test
    void the_sha256_must_be_lower_case_hex() {
        assertThrows(IllegalArgumentException.class, () -> new UploadRequest("S-1", Map.of(), EMPTY, "A".repeat(64)));
    }
}
