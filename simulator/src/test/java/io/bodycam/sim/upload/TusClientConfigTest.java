package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TusClientConfigTest {

    @Test
    void defaults_are_1_mib_chunks_unlimited_rate_30_s_timeout_10_attempts_and_1_to_30_s_backoff() {
        TusClientConfig c = TusClientConfig.builder().endpoint(URI.create("http://127.0.0.1:8080")).build();

        assertEquals(1024 * 1024, c.chunkSize());
        assertEquals(0, c.rateLimit());
        assertEquals(Duration.ofSeconds(30), c.requestTimeout());
        assertEquals(10, c.maxAttempts());
        assertEquals(Duration.ofSeconds(1), c.initialBackoff());
        assertEquals(Duration.ofSeconds(30), c.maxBackoff());
    }

    @Test
    void a_bad_value_is_rejected_with_the_field_named() {
        TusClientConfig.Builder b = TusClientConfig.builder();

        assertEquals("chunk size must be 1..67108864 bytes, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.chunkSize(0)).getMessage());
        assertEquals("max attempts must be 1..1000, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0)).getMessage());
        assertEquals("rate limit must be >= 0 bytes per second (0: unlimited), was -1",
                assertThrows(IllegalArgumentException.class, () -> b.rateLimit(-1)).getMessage());
        assertEquals("request timeout must be at least 1 ms, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(Duration.ZERO)).getMessage());
        assertEquals("endpoint must be http(s)://host:port, was ftp://example.org",
                assertThrows(IllegalArgumentException.class,
                        () -> b.endpoint(URI.create("ftp://example.org"))).getMessage());
    }

    @Test
    void an_https_endpoint_needs_a_tls_context_and_an_http_one_takes_none() throws Exception {
        assertEquals("an https endpoint needs a TLS client context, https://example.org has none",
                assertThrows(IllegalArgumentException.class,
                        () -> TusClientConfig.builder().endpoint(URI.create("https://example.org")).build()).getMessage());
        SslContext client = SslContextBuilder.forClient().build();
        assertEquals("a TLS client context needs an https endpoint, was http://example.org",
                assertThrows(IllegalArgumentException.class,
                        () -> TusClientConfig.builder().endpoint(URI.create("http://example.org")).tls(client).build()).getMessage());
        TusClientConfig secure = TusClientConfig.builder().endpoint(URI.create("https://example.org")).tls(client).build();
        assertSame(client, secure.tls());
        assertEquals(443, ConnectionSettings.port(secure.endpoint()));
    }

    @Test
    void an_endpoint_is_required_and_max_backoff_may_not_be_below_initial() {
        assertEquals("endpoint must be set",
                assertThrows(IllegalStateException.class, () -> TusClientConfig.builder().build()).getMessage());
        assertThrows(IllegalStateException.class, () -> TusClientConfig.builder()
                .endpoint(URI.create("http://127.0.0.1:1")).initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofSeconds(1)).build());
    }
}
