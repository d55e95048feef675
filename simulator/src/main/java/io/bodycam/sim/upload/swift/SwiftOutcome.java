package io.bodycam.sim.upload.swift;

import java.util.Optional;

/**
 * How one clip's upload went.
 *
 * @param container   the recording's container
 * @param object      the clip's object name
 * @param bytesSent   body bytes written, resends included
 * @param attempts    attempts it took (1 when nothing failed)
 * @param vouchedSha256 the SHA-256 (hex) of the bytes sent, when the store's {@code ETag} (Swift: the
 *                    MD5 of what it stored) is the MD5 of those same bytes; empty when it is not
 * @param basis       how the store vouched, or why not, in a line
 * @param refused     the store answered 400: it can never store this clip (the API's meaning), so the
 *                    camera keeps it and does not send it again
 */
public record SwiftOutcome(String container, String object, long bytesSent, int attempts,
                           Optional<String> vouchedSha256, String basis, boolean refused) {
}
