package io.bodycam.backend.http;

/**
 * What the backend holds for one segment, keyed by (deviceId, segmentId) from the upload metadata.
 *
 * @param recordingId    empty when the upload did not say
 * @param computedSha256 lower-case hex of the bytes received; empty while {@link EvidenceStatus#INCOMPLETE}
 * @param bytes          the segment's length ({@code Upload-Length} of its latest upload)
 * @param copies         how many uploads of it were accepted (a correct backend keeps this at 1)
 * @param reason         why it is {@link EvidenceStatus#CORRUPT} (a hash mismatch, or an MP4 that failed the
 *                       check on arrival, docs/video.md); empty otherwise
 */
public record EvidenceEntry(String deviceId, String segmentId, String recordingId, String declaredSha256,
                            String computedSha256, long bytes, EvidenceStatus status, int copies, String reason) {
}
