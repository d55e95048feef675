package io.bodycam.sim.recording;

/**
 * The bytes of one segment, regenerated on demand from the camera's {@link CaptureStream}: what the
 * uploader reads, at any offset, as often as a resumed upload needs.
 */
public final class SegmentPayload {

    private final CaptureStream stream;
    private final long streamOffset;
    private final long length;

    public SegmentPayload(CaptureStream stream, SegmentManifest segment) {
        this.stream = stream;
        this.streamOffset = segment.streamOffset();
        this.length = segment.bytes();
    }

    public long length() {
        return length;
    }

    /** Copies segment bytes {@code [offset, offset + len)} into {@code dst[off..]}. */
    public void read(long offset, byte[] dst, int off, int len) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new IndexOutOfBoundsException("segment of " + length + " bytes, asked " + offset + "+" + len);
        }
        stream.fill(streamOffset + offset, dst, off, len);
    }
}
