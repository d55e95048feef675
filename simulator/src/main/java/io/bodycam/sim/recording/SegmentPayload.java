package io.bodycam.sim.recording;

import io.bodycam.sim.upload.ByteSource;
import io.netty.buffer.ByteBuf;

/**
 * The bytes of one segment, regenerated on demand from the camera's {@link CaptureStream}: what the
 * uploader reads, at any offset, as often as a resumed upload needs.
 */
public final class SegmentPayload implements ByteSource {

    private static final int SCRATCH = 16 * 1024;

    private final CaptureStream stream;
    private final long streamOffset;
    private final long length;

    public SegmentPayload(CaptureStream stream, SegmentManifest segment) {
        this.stream = stream;
        this.streamOffset = segment.streamOffset();
        this.length = segment.bytes();
    }

    @Override
    public long length() {
        return length;
    }

    /** Copies segment bytes {@code [offset, offset + len)} into {@code dst[off..]}. */
    public void read(long offset, byte[] dst, int off, int len) {
        check(offset, len);
        stream.fill(streamOffset + offset, dst, off, len);
    }

    @Override
    public void read(long offset, int len, ByteBuf target) {
        check(offset, len);
        byte[] scratch = new byte[Math.min(SCRATCH, len)];
        for (int done = 0; done < len; ) {
            int n = Math.min(scratch.length, len - done);
            stream.fill(streamOffset + offset + done, scratch, 0, n);
            target.writeBytes(scratch, 0, n);
            done += n;
        }
    }

    private void check(long offset, int len) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new IndexOutOfBoundsException("segment of " + length + " bytes, asked " + offset + "+" + len);
        }
    }
}
