package io.bodycam.sim.link;

/**
 * What lets a camera delete a segment it uploaded: the one proof its link is configured with. Whatever
 * the proof, a link never sends a completed upload again unless the proof says the stored copy is bad.
 */
public enum Proof {
    /** The reference backend's own verdict, {@code GET /evidence/{deviceId}/{segmentId}} (docs/contract). */
    VERDICT,
    /** The stored object read back ({@code GET}) and hashed as it arrives, against the segment's SHA-256. */
    READ_BACK,
    /**
     * A strong checksum the server computed and returned: S3's {@code x-amz-checksum-sha256} (whole
     * object, or the composite of a multipart upload), or a tus server that checked every byte against an
     * {@code Upload-Checksum}.
     */
    SERVER_CHECKSUM,
    /** No proof: the camera never deletes what it uploads. */
    NONE
}
