package io.bodycam.sim.upload;

import java.util.Objects;

/**
 * One camera's credentials for an evidence store: an S3 access key id and secret access key, or a
 * Swift user and key. {@link #toString()} never shows the secret.
 */
public record Credentials(String id, String secret) {

    public Credentials {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("credentials need a non-blank id and secret, id was '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return "Credentials[id=" + id + ", secret=***]";
    }
}
