package io.bodycam.sim.upload.put;

import java.util.Optional;

/**
 * How one segment's upload went.
 *
 * @param path          the URL path it went to (percent-encoded)
 * @param status        the server's final answer (200, 201 or 204)
 * @param bytesSent     body bytes written, resends included
 * @param attempts      attempts it took
 * @param vouchedSha256 the SHA-256 (hex) the server returned in {@code Repr-Digest} (RFC 9530) when it
 *                      did, matching the one sent or not; empty when it returned none
 */
public record PutOutcome(String path, int status, long bytesSent, int attempts, Optional<String> vouchedSha256) {
}
