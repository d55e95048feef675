package io.bodycam.sim.upload;

import io.bodycam.sim.recording.ByteSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One segment to upload: {@code key} names it stably (the segment id) so that a later upload of the
 * same key resumes the same tus upload; {@code metadata} goes out in {@code Upload-Metadata} (tus
 * 1.0.0, "Creation"); {@code sha256} is the lower-case hex SHA-256 of the whole source, sent as the
 * {@code sha256} metadata value that the backend checks the bytes against.
 */
public record UploadRequest(String key, Map<String, String> metadata, ByteSource source, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** tus 1.0.0, "Upload-Metadata": "The key MUST NOT contain spaces and commas and MUST NOT be empty." */
    private static final Pattern METADATA_KEY = Pattern.compile("[\\x21-\\x7e&&[^,]]+");

    public UploadRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!METADATA_KEY.matcher(k).matches()) {
                throw new IllegalArgumentException(
                        "metadata key must be non-empty printable ASCII without spaces or commas, was '" + k + "'");
            }
            copy.put(k, Objects.requireNonNull(v, () -> "metadata value of '" + k + "'"));
        });
        String declared = copy.putIfAbsent("sha256", sha256);
        if (declared != null && !declared.equals(sha256)) {
            throw new IllegalArgumentException(
                    "metadata sha256 '" + declared + "' differs from the request's sha256 '" + sha256 + "'");
        }
        metadata = Collections.unmodifiableMap(copy);
    }
}
