package io.bodycam.sim.upload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a tus server says it can do in its answer to {@code OPTIONS} (tus 1.0.0, "OPTIONS"): the
 * extensions of {@code Tus-Extension} and, with the checksum extension, the algorithms of
 * {@code Tus-Checksum-Algorithm}. A server that does not answer OPTIONS offers nothing beyond the core.
 */
public record TusCapabilities(Set<String> extensions, List<String> checksumAlgorithms) {

    /** The algorithms this client can send, best first (tus "Checksum": sha1 is the one servers must support). */
    private static final List<String> SUPPORTED = List.of("sha256", "sha1");

    /** A server that announced nothing. */
    public static final TusCapabilities NONE = new TusCapabilities(Set.of(), List.of());

    public TusCapabilities {
        extensions = Set.copyOf(extensions);
        checksumAlgorithms = List.copyOf(checksumAlgorithms);
    }

    /** From the {@code Tus-Extension} and {@code Tus-Checksum-Algorithm} values (comma-separated, either may be null). */
    public static TusCapabilities parse(String extensionHeader, String algorithmHeader) {
        return new TusCapabilities(Set.copyOf(split(extensionHeader)), split(algorithmHeader));
    }

    /**
     * The algorithm to send in {@code Upload-Checksum}: the best this client supports among those the
     * server offers, when it announces the checksum extension; empty when there is none (then no
     * checksum is sent, and the server proves nothing).
     */
    public Optional<String> checksum() {
        if (!extensions.contains("checksum")) {
            return Optional.empty();
        }
        return SUPPORTED.stream().filter(checksumAlgorithms::contains).findFirst();
    }

    /** The Java name of a tus checksum algorithm this client supports. */
    public static String javaName(String tusAlgorithm) {
        return switch (tusAlgorithm) {
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            default -> throw new IllegalArgumentException("unsupported tus checksum algorithm '" + tusAlgorithm + "'");
        };
    }

    private static List<String> split(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(header.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).distinct().toList();
    }
}
