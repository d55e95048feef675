package io.bodycam.bench.conform;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * The backend under test: its broker, its upload base (tus at {@code /files/}) and the optional
 * capabilities it claims. A case that needs a capability not claimed is NOT APPLICABLE, not failed.
 *
 * @param capabilities any of {@link #CAPABILITIES}
 */
public record Target(URI mqtt, URI upload, Set<String> capabilities) {

    /** tus checksum extension with sha256. */
    public static final String CHECKSUM = "checksum";
    /** {@code GET /evidence/{deviceId}/{segmentId}} answers the contract's verdict. */
    public static final String VERDICT = "verdict";
    /** tus termination ({@code DELETE /files/{id}}). */
    public static final String TERMINATION = "termination";
    /** The broker lets a client publish only under its own device id. */
    public static final String TOPIC_ACL = "topic-acl";
    /** Every capability a backend can claim. */
    public static final Set<String> CAPABILITIES = Set.of(CHECKSUM, VERDICT, TERMINATION, TOPIC_ACL);

    public Target {
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(upload, "upload");
        capabilities = Set.copyOf(capabilities);
        for (String c : capabilities) {
            if (!CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException("unknown capability '" + c + "' (known: "
                        + String.join(", ", CAPABILITIES.stream().sorted().toList()) + ")");
            }
        }
        if (!"tcp".equals(mqtt.getScheme())) {
            throw new IllegalArgumentException("mqtt must be tcp://host:port, was " + mqtt);
        }
        if (!"http".equals(upload.getScheme())) {
            throw new IllegalArgumentException("upload must be http://host:port, was " + upload);
        }
    }

    public boolean claims(String capability) {
        return capabilities.contains(capability);
    }
}
