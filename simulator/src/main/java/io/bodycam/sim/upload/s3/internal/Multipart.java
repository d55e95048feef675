package io.bodycam.sim.upload.s3.internal;

import io.bodycam.sim.upload.internal.Digests;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multipart upload the client created and has not completed: its id, the parts the server took (by
 * number: ETag, and base64 SHA-256 when checksums are on), and the running SHA-256 of parts 1..
 * {@link #hashedThrough} in order, which ties the parts to the segment's recorded hash. Kept by the
 * client per key, so a later upload of the same segment resumes it.
 */
public final class Multipart {

    /** A part the server holds. */
    record Part(long size, String etag, String checksumSha256) {
    }

    final String key;
    final String uploadId;
    final Map<Integer, Part> parts = new TreeMap<>();
    MessageDigest whole = Digests.sha256();
    int hashedThrough;
    /** Whether CompleteMultipartUpload went out once (a 404 after it may mean it completed). */
    boolean completeSent;

    Multipart(String key, String uploadId) {
        this.key = key;
        this.uploadId = uploadId;
    }
}
