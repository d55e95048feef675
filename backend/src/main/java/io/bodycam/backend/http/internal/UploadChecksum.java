package io.bodycam.backend.http.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Upload-Checksum} of one PATCH (tus 1.0.0, "Checksum"): "the name of the used checksum
 * algorithm and the Base64 encoded checksum separated by a space". The body is hashed as it streams in
 * and compared at its end.
 */
final class UploadChecksum {

    /** Announced as {@code Tus-Checksum-Algorithm}; the spec requires sha1, the camera sends sha256. */
    static final String ALGORITHMS = "sha1,sha256";
    private static final Map<String, String> JCA_NAMES = Map.of("sha1", "SHA-1", "sha256", "SHA-256");

    private final MessageDigest digest;
    private final byte[] expected;

    private UploadChecksum(MessageDigest digest, byte[] expected) {
        this.digest = digest;
        this.expected = expected;
    }

    /**
     * @throws IllegalArgumentException for a malformed header or an algorithm this server does not
     *     support, which tus answers with "400 Bad Request if the checksum algorithm is not supported"
     */
    static UploadChecksum parse(String header) {
        String[] parts = header.trim().split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("Upload-Checksum must be '<algorithm> <base64>', was '" + header + "'");
        }
        String jcaName = JCA_NAMES.get(parts[0].toLowerCase(Locale.ROOT));
        if (jcaName == null) {
            throw new IllegalArgumentException("checksum algorithm '" + parts[0] + "' is not supported; use one of "
                    + ALGORITHMS);
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Upload-Checksum value is not base64: '" + parts[1] + "'", e);
        }
        try {
            return new UploadChecksum(MessageDigest.getInstance(jcaName), expected);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + jcaName, e);
        }
    }

    void update(ByteBuffer bytes) {
        digest.update(bytes);
    }

    boolean matches() {
        return MessageDigest.isEqual(digest.digest(), expected);
    }
}
