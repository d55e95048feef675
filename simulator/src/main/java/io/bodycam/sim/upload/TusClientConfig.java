package io.bodycam.sim.upload;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * How a camera's {@link TusClient} talks to the evidence backend. Immutable; build it with
 * {@link #builder()}, whose setters reject bad values and name the field.
 *
 * <p>The rate limit is in bytes per <em>virtual</em> second (a dock's bandwidth times the run's
 * payload scale); the request timeout is wall time, since it guards a real socket.
 */
public final class TusClientConfig {

    private final URI endpoint;
    private final int chunkSize;
    private final long rateLimit;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final SslContext tls;
    private final LongUnaryOperator serverClock;

    private TusClientConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.chunkSize = b.chunkSize;
        this.rateLimit = b.rateLimit;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.serverClock = b.serverClock;
        this.tls = b.tls;
    }

    /** The TLS client context of an {@code https://} endpoint; null for {@code http://}. */
    public SslContext tls() {
        return tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The backend's base URL, {@code http(s)://host:port} (tus creation goes to {@code /files/} below it). */
    public URI endpoint() {
        return endpoint;
    }

    /** Turns the epoch millis the server's {@code GET /time} answers into the camera's virtual time. */
    public LongUnaryOperator serverClock() {
        return serverClock;
    }

    /** Bytes per PATCH request. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Upload bytes per virtual second; 0 for unlimited. */
    public long rateLimit() {
        return rateLimit;
    }

    /** Wall time one request may take before the connection is closed and the request fails. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * How many attempts in a row may fail before an upload gives up: every failed request ends an
     * attempt, and a committed chunk starts the count again (a long upload over a flaky link goes on
     * as long as it makes progress).
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Upper bound of the first retry's random (full jitter) virtual delay. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Cap of the retry delay's upper bound, which doubles per failure from {@link #initialBackoff()}. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    @Override
    public String toString() {
        return "TusClientConfig[endpoint=" + endpoint + ", chunkSize=" + chunkSize + ", rateLimit=" + rateLimit
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", backoff="
                + initialBackoff + ".." + maxBackoff + "]";
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {
        private static final int MAX_CHUNK = 64 * 1024 * 1024;

        private URI endpoint;
        private int chunkSize = 1024 * 1024;
        private long rateLimit;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 10;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private SslContext tls;
        private LongUnaryOperator serverClock = LongUnaryOperator.identity();

        private Builder() {
        }

        /**
         * How to read the server's clock: as it is (the default: a server on the run's virtual clock), or, for a
         * server on real time, mapped onto virtual time ({@link io.bodycam.sim.time.SimClock#fromWall}).
         */
        public Builder serverClock(LongUnaryOperator toVirtual) {
            this.serverClock = Objects.requireNonNull(toVirtual, "serverClock");
            return this;
        }

        /** {@code http(s)://host:port}, optionally with a base path; no query or fragment. */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))
                    || endpoint.getHost() == null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must be http(s)://host:port, was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /** The TLS client context an {@code https://} endpoint needs (the camera's certificate, its trust). */
        public Builder tls(SslContext context) {
            this.tls = context;
            return this;
        }

        public Builder chunkSize(int bytes) {
            if (bytes < 1 || bytes > MAX_CHUNK) {
                throw new IllegalArgumentException("chunk size must be 1.." + MAX_CHUNK + " bytes, was " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        public Builder rateLimit(long bytesPerVirtualSecond) {
            if (bytesPerVirtualSecond < 0) {
                throw new IllegalArgumentException(
                        "rate limit must be >= 0 bytes per second (0: unlimited), was " + bytesPerVirtualSecond);
            }
            this.rateLimit = bytesPerVirtualSecond;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("request timeout", timeout);
            return this;
        }

        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 1000) {
                throw new IllegalArgumentException("max attempts must be 1..1000, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder initialBackoff(Duration delay) {
            this.initialBackoff = positive("initial backoff", delay);
            return this;
        }

        public Builder maxBackoff(Duration delay) {
            this.maxBackoff = positive("max backoff", delay);
            return this;
        }

        public TusClientConfig build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint must be set");
            }
            ConnectionSettings.checkEndpoint(endpoint, tls);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException("max backoff must be >= initial backoff (" + initialBackoff
                        + "), was " + maxBackoff);
            }
            return new TusClientConfig(this);
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero() || value.toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
            }
            return value;
        }
    }
}
