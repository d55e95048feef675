package io.bodycam.backend.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded {@code Upload-Metadata} of an upload, and the header as the client sent it (echoed by
 * HEAD). Parsed here independently of the camera's encoder, so that a bug on one side shows up.
 */
record UploadMetadata(Map<String, String> values, String header) {

    static final UploadMetadata NONE = new UploadMetadata(Map.of(), null);

    /**
     * tus 1.0.0, "Creation", Upload-Metadata: "one or more comma-separated key-value pairs. The key and
     * value MUST be separated by a space. The key MUST NOT contain spaces and commas and MUST NOT be
     * empty. [...] the value MUST be Base64 encoded. All keys MUST be unique. The value MAY be empty.
     * In these cases, the space [...] MAY be left out."
     *
     * @throws IllegalArgumentException saying what is wrong, for a 400 answer
     */
    static UploadMetadata parse(String header) {
        if (header == null) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        for (String pair : header.split(",", -1)) {
            String trimmed = pair.trim();
            int space = trimmed.indexOf(' ');
            String key = space < 0 ? trimmed : trimmed.substring(0, space);
            String encoded = space < 0 ? "" : trimmed.substring(space + 1);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Upload-Metadata has an empty key: '" + header + "'");
            }
            String value;
            try {
                value = new String(base64.decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Upload-Metadata value of '" + key + "' is not base64", e);
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("Upload-Metadata key '" + key + "' appears twice");
            }
        }
        return new UploadMetadata(Collections.unmodifiableMap(values), header);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }
}
