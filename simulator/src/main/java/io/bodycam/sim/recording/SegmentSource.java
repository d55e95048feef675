package io.bodycam.sim.recording;

/**
 * The camera's stored copy of one segment, as the uploader reads it: its bytes by range, and their
 * SHA-256 as they read now (the firmware's check of its own copy after a corrupt verdict). Synthetic
 * segments regenerate their bytes ({@link SegmentPayload}); mp4 segments read a file on the camera's card.
 */
public interface SegmentSource extends ByteSource {

    /** Lower-case hex SHA-256 of the bytes as they read now. */
    String sha256();
}
