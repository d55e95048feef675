package io.bodycam.backend.http;

import io.bodycam.backend.tls.ServerTls;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where the reference evidence server listens and what it accepts. Immutable; build it with
 * {@link #builder()}, whose setters reject bad values and name the field.
 */
public final class EvidenceServerConfig {

    private final int port;
    private final String bindAddress;
    private final long maxUploadSize;
    private final long maxPatchBody;
    private final Duration idleTimeout;
    private final Duration headTimeout;
    private final int threads;
    private final java.nio.file.Path mp4Folder;
    private final boolean keepMp4;
    private final Set<Mutant> mutants;
    private final ServerTls tls;
    private final ReadBackStore readBack;

    private EvidenceServerConfig(Builder b) {
        this.port = b.port;
        this.bindAddress = b.bindAddress;
        this.maxUploadSize = b.maxUploadSize;
        this.maxPatchBody = b.maxPatchBody;
        this.idleTimeout = b.idleTimeout;
        this.headTimeout = b.headTimeout;
        this.threads = b.threads;
        this.mp4Folder = b.mp4Folder;
        this.keepMp4 = b.keepMp4;
        this.mutants = Set.copyOf(b.mutants);
        this.tls = b.tls;
        this.readBack = b.readBack;
    }

    /**
     * What the server stores for cameras that prove a segment by reading it back (a device profile other than
     * the reference), or null (the default) for the reference contract alone.
     */
    public ReadBackStore readBack() {
        return readBack;
    }

    /**
     * HTTPS with these files, mutual when {@link ServerTls#mutual()} (an upload must then name the device of
     * the client certificate); null for plain HTTP, the default.
     */
    public ServerTls tls() {
        return tls;
    }

    /** The deliberate defects this server runs with (none unless asked for). */
    public Set<Mutant> mutants() {
        return mutants;
    }

    /** True when the server runs with {@code m}. */
    public boolean mutant(Mutant m) {
        return mutants.contains(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: a free port, 16 GiB uploads, 64 MiB PATCH bodies, 60 s idle timeout, 30 s for a
     * request head, 2 threads.
     */
    public static EvidenceServerConfig defaults() {
        return builder().build();
    }

    /** TCP port on 127.0.0.1; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** Where the server binds: {@code 127.0.0.1} (the default) or {@code 0.0.0.0} for a container. */
    public String bindAddress() {
        return bindAddress;
    }

    /** Largest {@code Upload-Length} accepted, announced as {@code Tus-Max-Size}. */
    public long maxUploadSize() {
        return maxUploadSize;
    }

    /** Largest body of one PATCH request. */
    public long maxPatchBody() {
        return maxPatchBody;
    }

    /** Wall time a connection may stay silent before the server closes it. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Wall time a request head may take from its first byte to its end; a slower one (slow-loris) gets
     * 408 and the connection is closed.
     */
    public Duration headTimeout() {
        return headTimeout;
    }

    /** Event loop threads of the server's own group. */
    public int threads() {
        return threads;
    }

    /**
     * Where uploads are stored and checked as MP4 on arrival ({@link Mp4Arrivals}); null (the default)
     * when bytes are only hashed and dropped.
     */
    public java.nio.file.Path mp4Folder() {
        return mp4Folder;
    }

    /** Whether verified MP4s stay in {@link #mp4Folder()}. */
    public boolean keepMp4() {
        return keepMp4;
    }

    @Override
    public String toString() {
        return "EvidenceServerConfig[port=" + port + ", bindAddress=" + bindAddress + ", maxUploadSize=" + maxUploadSize
                + ", maxPatchBody=" + maxPatchBody + ", idleTimeout=" + idleTimeout + ", headTimeout=" + headTimeout
                + ", threads=" + threads + ", mp4Folder=" + mp4Folder + ", keepMp4=" + keepMp4 + ", tls=" + tls + ", readBack=" + readBack + "]";
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {
        private final Set<Mutant> mutants = EnumSet.noneOf(Mutant.class);
        private int port;
        private String bindAddress = "127.0.0.1";
        private long maxUploadSize = 16L << 30;
        private long maxPatchBody = 64L << 20;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headTimeout = Duration.ofSeconds(30);
        private int threads = 2;
        private java.nio.file.Path mp4Folder;
        private boolean keepMp4;
        private ServerTls tls;
        private ReadBackStore readBack;

        private Builder() {
        }

        /** Also stores what cameras upload with {@code store}'s protocol, and serves it back; null: reference only. */
        public Builder readBack(ReadBackStore store) {
            this.readBack = store;
            return this;
        }

        /**
         * Serves HTTPS (TLS 1.3 and 1.2) with {@code tls}'s certificate; with its client CA, mutual TLS: a client
         * certificate from that CA, valid now and not on its CRL, is required at the handshake, and an upload
         * must name the device it was issued to (docs/security.md). Null: plain HTTP.
         */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Stores each upload in {@code folder} and checks it as an MP4 when complete (docs/video.md);
         * {@code keep} keeps the verified files there, else they are deleted after the verdict.
         */
        public Builder mp4Checks(java.nio.file.Path folder, boolean keep) {
            this.mp4Folder = Objects.requireNonNull(folder, "mp4 folder");
            this.keepMp4 = keep;
            return this;
        }

        /** Starts the server with deliberate defects, for proving the conformance kit. */
        public Builder mutants(Set<Mutant> defects) {
            mutants.clear();
            mutants.addAll(defects);
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535 (0: any free port), was " + port);
            }
            this.port = port;
            return this;
        }

        /** {@code 127.0.0.1} or {@code 0.0.0.0} (every interface, for the standalone backend in a container). */
        public Builder bindAddress(String address) {
            if (!"127.0.0.1".equals(address) && !"0.0.0.0".equals(address)) {
                throw new IllegalArgumentException("bind address must be 127.0.0.1 or 0.0.0.0, was " + address);
            }
            this.bindAddress = address;
            return this;
        }

        public Builder maxUploadSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max upload size must be >= 1 byte, was " + bytes);
            }
            this.maxUploadSize = bytes;
            return this;
        }

        public Builder maxPatchBody(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max PATCH body must be >= 1 byte, was " + bytes);
            }
            this.maxPatchBody = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "idle timeout");
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("idle timeout must be 100 ms..1 h, was " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder headTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "head timeout");
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("head timeout must be 100 ms..10 min, was " + timeout);
            }
            this.headTimeout = timeout;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1 || threads > 16) {
                throw new IllegalArgumentException("threads must be 1..16, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public EvidenceServerConfig build() {
            return new EvidenceServerConfig(this);
        }
    }
}
