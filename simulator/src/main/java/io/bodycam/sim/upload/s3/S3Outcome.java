package io.bodycam.sim.upload.s3;

import java.util.Optional;

/**
 * How one segment's S3 upload went.
 *
 * @param key            the object key
 * @param length         the segment's bytes
 * @param bytesSent      body bytes written, resends included
 * @param attempts       attempts it took (1 when nothing failed)
 * @param parts          parts of a multipart upload (0: one PutObject)
 * @param resumes        times the client asked ListParts to go on after a failure
 * @param vouchedSha256  the SHA-256 (hex) the server vouched for: a PutObject whose signed payload hash
 *                       (and checksum, when sent) the server accepted, or a multipart upload whose
 *                       composite checksum the server returned matching the parts' (and the parts hash
 *                       in order to this); empty when the server vouched for nothing
 * @param basis          how the server vouched, or why it did not, in a line
 * @param refused        the server refused the body as not hashing to the SHA-256 it was sent with
 *                       ({@code XAmzContentSHA256Mismatch}, {@code BadDigest}): the camera's bytes differ
 *                       from what it recorded, or were damaged on the way
 */
public record S3Outcome(String key, long length, long bytesSent, int attempts, int parts, int resumes,
                        Optional<String> vouchedSha256, String basis, boolean refused) {
}
