package io.bodycam.sim.upload.swift;

import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How a camera's {@link SwiftClient} stores clips in an OpenStack Swift store that speaks the Axis Body
 * Worn Integration API (a content destination): where to authenticate ({@code GET /auth/v1.0} with
 * {@code X-Auth-User}/{@code X-Auth-Key}, the connection file's {@code BlobAPIUserName}/{@code BlobAPIKey}),
 * each camera's credentials, how bodies stream, and how long to hold off after a {@code 507 Insufficient
 * Storage}. Immutable; build it with {@link #builder()}, whose setters reject bad values and name the field.
 */
public final class SwiftClientConfig {

    private final ConnectionSettings connection;
    private final String authPath;
    private final CredentialSource credentials;
    private final int pieceSize;
    private final Duration storageFullPause;

    private SwiftClientConfig(Builder b) {
        this.connection = b.connection;
        this.authPath = b.authPath;
        this.credentials = b.credentials;
        this.pieceSize = b.pieceSize;
        this.storageFullPause = b.storageFullPause;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionSettings connection() {
        return connection;
    }

    /** The auth endpoint's path below the endpoint ({@code /auth/v1.0}). */
    public String authPath() {
        return authPath;
    }

    public CredentialSource credentials() {
        return credentials;
    }

    public int pieceSize() {
        return pieceSize;
    }

    /** Virtual time the client sends nothing after the store said it is out of space (507). */
    public Duration storageFullPause() {
        return storageFullPause;
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {
        private ConnectionSettings connection;
        private String authPath = "/auth/v1.0";
        private CredentialSource credentials;
        private int pieceSize = 256 * 1024;
        private Duration storageFullPause = Duration.ofMinutes(10);

        private Builder() {
        }

        public Builder connection(ConnectionSettings settings) {
            this.connection = Objects.requireNonNull(settings, "connection");
            return this;
        }

        public Builder authPath(String path) {
            Objects.requireNonNull(path, "auth path");
            if (!path.startsWith("/") || path.contains("?")) {
                throw new IllegalArgumentException("auth path must start with '/' and have no query, was '" + path + "'");
            }
            this.authPath = path;
            return this;
        }

        public Builder credentials(CredentialSource source) {
            this.credentials = Objects.requireNonNull(source, "credentials");
            return this;
        }

        public Builder pieceSize(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("piece size must be 1 KiB..16 MiB, was " + bytes);
            }
            this.pieceSize = bytes;
            return this;
        }

        public Builder storageFullPause(Duration pause) {
            Objects.requireNonNull(pause, "storage full pause");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("storage full pause must be >= 0, was " + pause);
            }
            this.storageFullPause = pause;
            return this;
        }

        public SwiftClientConfig build() {
            if (connection == null) {
                throw new IllegalStateException("connection must be set");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials must be set");
            }
            return new SwiftClientConfig(this);
        }
    }
}
