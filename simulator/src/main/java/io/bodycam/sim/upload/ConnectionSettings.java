package io.bodycam.sim.upload;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a camera's upload client uses its connection, whatever the protocol: the server's base URL, the
 * link's rate in bytes per <em>virtual</em> second (a dock's bandwidth times the run's payload scale; 0:
 * unlimited), the wall-time timeout of a request that makes no progress, and the retry policy (failures
 * in a row before giving up, full-jitter backoff bounds in virtual time), and for an {@code https://}
 * endpoint the TLS client context the connection's {@code SslHandler} comes from. Build it with
 * {@link #builder(URI)}, whose setters reject bad values and name the field.
 */
public record ConnectionSettings(URI endpoint, long rateLimit, Duration requestTimeout, int maxAttempts,
                                 Duration initialBackoff, Duration maxBackoff, SslContext tls) {

    public ConnectionSettings {
        checkEndpoint(endpoint, tls);
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rate limit must be >= 0 bytes per second (0: unlimited), was "
                    + rateLimit);
        }
        positive("request timeout", requestTimeout);
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("max attempts must be 1..1000, was " + maxAttempts);
        }
        positive("initial backoff", initialBackoff);
        positive("max backoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff must be >= initial backoff (" + initialBackoff
                    + "), was " + maxBackoff);
        }
    }

    /** Settings for {@code endpoint} with the defaults: unlimited rate, 30 s timeout, 10 attempts, 1..30 s backoff. */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /** The endpoint's base path without a trailing slash ({@code ""} for none). */
    public String basePath() {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code host:port} for the {@code Host} header. */
    public String hostHeader() {
        return endpoint.getHost() + ":" + port(endpoint);
    }

    /**
     * Checks an upload endpoint: {@code http://} or {@code https://}, a host, no query or fragment; an
     * {@code https://} one needs a TLS client context, an {@code http://} one takes none.
     */
    public static void checkEndpoint(URI endpoint, SslContext tls) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!(secure(endpoint) || "http".equalsIgnoreCase(endpoint.getScheme())) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be http(s)://host:port[/base], was " + endpoint);
        }
        if (secure(endpoint) && tls == null) {
            throw new IllegalArgumentException("an https endpoint needs a TLS client context, " + endpoint + " has none");
        }
        if (!secure(endpoint) && tls != null) {
            throw new IllegalArgumentException("a TLS client context needs an https endpoint, was " + endpoint);
        }
        if (tls != null && tls.isServer()) {
            throw new IllegalArgumentException("the upload TLS context must be a client context");
        }
    }

    /** Whether {@code url} is {@code https://}. */
    public static boolean secure(URI url) {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The URL's port, or its scheme's: 443 for {@code https://}, 80 otherwise. */
    public static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
        }
    }

    /** Validating builder: each setter checks its value when {@link #build()} makes the record. */
    public static final class Builder {
        private final URI endpoint;
        private long rateLimit;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 10;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private SslContext tls;

        private Builder(URI endpoint) {
            this.endpoint = endpoint;
        }

        public Builder rateLimit(long bytesPerVirtualSecond) {
            this.rateLimit = bytesPerVirtualSecond;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The TLS client context of an {@code https://} endpoint (the camera's certificate for mutual TLS, its trust). */
        public Builder tls(SslContext context) {
            this.tls = context;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(endpoint, rateLimit, requestTimeout, maxAttempts, initialBackoff, maxBackoff, tls);
        }
    }
}
