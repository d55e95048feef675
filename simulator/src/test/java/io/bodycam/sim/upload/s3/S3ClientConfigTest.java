package io.bodycam.sim.upload.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import java.net.URI;
import org.junit.jupiter.api.Test;

class S3ClientConfigTest {

    private static S3ClientConfig.Builder valid() {
        return S3ClientConfig.builder().connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:9000")).build())
                .bucket("evidence").credentials(CredentialSource.fixed(new Credentials("id", "secret")));
    }

    @Test
    void parts_under_5_mib_are_refused_unless_the_server_is_said_to_take_them() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> valid().partSize(1024 * 1024).build());
        assertTrue(e.getMessage().startsWith("part size must be at least 5242880 bytes"), e.getMessage());

        assertEquals(1024 * 1024, valid().partSize(1024 * 1024).smallPartsAccepted(true).build().partSize());
    }

    @Test
    void a_bucket_name_s3_would_refuse_is_named_in_the_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().bucket("Evidence_2024"));
        assertTrue(e.getMessage().startsWith("bucket must be 3..63 lower-case"), e.getMessage());
    }

    @Test
    void an_unknown_key_template_variable_is_refused_with_the_known_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().keyTemplate("{device}/{segmentId}"));
        assertTrue(e.getMessage().startsWith("key template '{device}/{segmentId}' uses {device}; known: ["), e.getMessage());
    }

    @Test
    void the_bucket_and_credentials_must_be_set() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> S3ClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:9000")).build()).build());
        assertEquals("bucket must be set", e.getMessage());
    }
}
