package io.bodycam.sim.mqtt;

import io.netty.handler.ssl.SslContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one camera connects to its broker. Immutable; made with {@link #builder()}, whose setters check
 * each value and name the field when it is wrong. Defaults follow the device contract: clean session
 * off, keep-alive 30 s, MQTT 5 session expiry 1 h.
 */
public final class MqttClientConfig {

    private final String host;
    private final int port;
    private final String clientId;
    private final MqttProtocol protocol;
    private final Duration keepAlive;
    private final boolean cleanSession;
    private final Duration sessionExpiry;
    private final String username;
    private final byte[] password;
    private final int maxInFlight;
    private final int maxQueued;
    private final Duration connectTimeout;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final SslContext tls;

    private MqttClientConfig(Builder b) {
        host = b.host;
        port = b.port;
        clientId = b.clientId;
        protocol = b.protocol;
        keepAlive = b.keepAlive;
        cleanSession = b.cleanSession;
        sessionExpiry = b.sessionExpiry;
        username = b.username;
        password = b.password;
        maxInFlight = b.maxInFlight;
        maxQueued = b.maxQueued;
        connectTimeout = b.connectTimeout;
        backoffInitial = b.backoffInitial;
        backoffMax = b.backoffMax;
        tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String clientId() {
        return clientId;
    }

    public MqttProtocol protocol() {
        return protocol;
    }

    public Duration keepAlive() {
        return keepAlive;
    }

    public boolean cleanSession() {
        return cleanSession;
    }

    /** Sent in the MQTT 5 CONNECT only. */
    public Duration sessionExpiry() {
        return sessionExpiry;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<byte[]> password() {
        return Optional.ofNullable(password).map(byte[]::clone);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public int maxQueued() {
        return maxQueued;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration backoffInitial() {
        return backoffInitial;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    /**
     * The TLS client context ({@code mqtts://}): when present, an {@code SslHandler} made from it sits first
     * in the camera's pipeline, on the camera's own event loop, and verifies the broker's name against
     * {@link #host()}.
     */
    public Optional<SslContext> tls() {
        return Optional.ofNullable(tls);
    }

    /** A builder that starts from this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.clientId = clientId;
        b.protocol = protocol;
        b.keepAlive = keepAlive;
        b.cleanSession = cleanSession;
        b.sessionExpiry = sessionExpiry;
        b.username = username;
        b.password = password;
        b.maxInFlight = maxInFlight;
        b.maxQueued = maxQueued;
        b.connectTimeout = connectTimeout;
        b.backoffInitial = backoffInitial;
        b.backoffMax = backoffMax;
        b.tls = tls;
        return b;
    }

    @Override
    public String toString() {
        return "MqttClientConfig[" + clientId + "@" + host + ":" + port + ", " + protocol + ", keepAlive=" + keepAlive
                + (tls != null ? ", tls" : "") + ", cleanSession=" + cleanSession + ", maxInFlight=" + maxInFlight + ", maxQueued=" + maxQueued + "]";
    }

    /** Collects and checks the settings of a {@link MqttClientConfig}; not thread-safe. */
    public static final class Builder {
        private static final long MAX_UINT32 = 0xFFFF_FFFFL;

        private String host;
        private int port;
        private String clientId;
        private MqttProtocol protocol = MqttProtocol.V3_1_1;
        private Duration keepAlive = Duration.ofSeconds(30);
        private boolean cleanSession;
        private Duration sessionExpiry = Duration.ofHours(1);
        private String username;
        private byte[] password;
        private int maxInFlight = 32;
        private int maxQueued = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private SslContext tls;

        private Builder() {
        }

        /** The broker's host name or address (required). */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank, was " + (host == null ? "null" : "\"" + host + "\""));
            }
            this.host = host;
            return this;
        }

        /** The broker's TCP port, 1..65535 (required). */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The client identifier: the device id, 1..65535 UTF-8 bytes without NUL (required). */
        public Builder clientId(String clientId) {
            if (clientId == null || clientId.isEmpty() || clientId.indexOf('\0') >= 0
                    || clientId.getBytes(StandardCharsets.UTF_8).length > 65_535) {
                throw new IllegalArgumentException("client id must be 1..65535 UTF-8 bytes without NUL, was "
                        + (clientId == null ? "null" : "\"" + clientId + "\""));
            }
            this.clientId = clientId;
            return this;
        }

        public Builder protocol(MqttProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Whole seconds, 1..65535 (MQTT 3.1.1 section 3.1.2.10: a two-byte value in seconds; 0 would switch it off). */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = wholeSeconds(keepAlive, "keep-alive", 1, 65_535);
            return this;
        }

        /** Clean session (MQTT 3.1.1) or clean start (MQTT 5); the contract keeps it off. */
        public Builder cleanSession(boolean cleanSession) {
            this.cleanSession = cleanSession;
            return this;
        }

        /**
         * MQTT 5 only: whole seconds, 0..4294967295 (MQTT 5 section 3.1.2.11.2, a four-byte integer).
         * Public API for users of the MQTT client; the bench keeps the default.
         */
        public Builder sessionExpiry(Duration sessionExpiry) {
            this.sessionExpiry = wholeSeconds(sessionExpiry, "session expiry", 0, MAX_UINT32);
            return this;
        }

        /** A user name, or null for none. */
        public Builder username(String username) {
            if (username != null && username.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("username must not contain NUL");
            }
            this.username = username;
            return this;
        }

        /** A password, or null for none; MQTT 3.1.1 allows it only with a user name (section 3.1.2.9). */
        public Builder password(byte[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** Unacknowledged QoS 1 messages allowed at once, 1..65000 (packet ids above are kept for SUBSCRIBE). */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1 || maxInFlight > 65_000) {
                throw new IllegalArgumentException("max in-flight must be 1..65000, was " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** QoS 1 messages held while offline or while the window is full, 0..10000000; beyond it the oldest goes. */
        public Builder maxQueued(int maxQueued) {
            if (maxQueued < 0 || maxQueued > 10_000_000) {
                throw new IllegalArgumentException("max queued must be 0..10000000, was " + maxQueued);
            }
            this.maxQueued = maxQueued;
            return this;
        }

        /** How long TCP connect plus CONNACK may take, 1 ms..1 h (virtual time). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = between(connectTimeout, "connect timeout", Duration.ofMillis(1), Duration.ofHours(1));
            return this;
        }

        /** The first reconnect delay cap, 1 ms..1 h. */
        public Builder backoffInitial(Duration backoffInitial) {
            this.backoffInitial = between(backoffInitial, "backoff initial", Duration.ofMillis(1), Duration.ofHours(1));
            return this;
        }

        /** The largest reconnect delay cap, 1 ms..24 h, not below the initial one. */
        public Builder backoffMax(Duration backoffMax) {
            this.backoffMax = between(backoffMax, "backoff max", Duration.ofMillis(1), Duration.ofHours(24));
            return this;
        }

        /** Speak MQTT over TLS with this client context; null for plain TCP. */
        public Builder tls(SslContext tls) {
            if (tls != null && !tls.isClient()) {
                throw new IllegalArgumentException("tls must be a client context");
            }
            this.tls = tls;
            return this;
        }

        public MqttClientConfig build() {
            if (host == null) {
                throw new IllegalStateException("host is required");
            }
            if (port == 0) {
                throw new IllegalStateException("port is required");
            }
            if (clientId == null) {
                throw new IllegalStateException("client id is required");
            }
            if (backoffMax.compareTo(backoffInitial) < 0) {
                throw new IllegalStateException("backoff max must be >= backoff initial (" + seconds(backoffInitial)
                        + "), was " + seconds(backoffMax));
            }
            if (protocol == MqttProtocol.V3_1_1 && password != null && username == null) {
                throw new IllegalStateException("password needs a username in MQTT 3.1.1 (section 3.1.2.9)");
            }
            return new MqttClientConfig(this);
        }

        private static Duration wholeSeconds(Duration d, String field, long min, long max) {
            Objects.requireNonNull(d, field);
            if (d.getNano() != 0 || d.getSeconds() < min || d.getSeconds() > max) {
                throw new IllegalArgumentException(field + " must be " + min + ".." + max + " whole seconds, was "
                        + seconds(d));
            }
            return d;
        }

        private static Duration between(Duration d, String field, Duration min, Duration max) {
            Objects.requireNonNull(d, field);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(field + " must be " + seconds(min) + ".." + seconds(max) + ", was "
                        + seconds(d));
            }
            return d;
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
        }
    }
}
