package io.bodycam.sim.recording;

import io.netty.buffer.ByteBuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of one segment, regenerated on demand from the camera's {@link CaptureStream}: what the
 * uploader reads, at any offset, as often as a resumed upload needs.
 *
 * <p>A damaged payload models a copy on the card that went bad after it was hashed (bit rot, a bad
 * write): one byte in the middle reads flipped, so its bytes no longer match the manifest's SHA-256.
 */
public final class SegmentPayload implements SegmentSource {

    private static final int SCRATCH = 16 * 1024;

    private final CaptureStream stream;
    private final long streamOffset;
    private final long length;
    /** Offset of the byte that reads flipped; -1 for an intact copy. */
    private final long flipped;

    /** @param damaged the copy on the card reads one byte flipped (after it was hashed) */
    public SegmentPayload(CaptureStream stream, SegmentManifest segment, boolean damaged) {
        this.stream = stream;
        this.streamOffset = segment.streamOffset();
        this.length = segment.bytes();
        this.flipped = damaged && length > 0 ? length / 2 : -1;
    }

    @Override
    public long length() {
        return length;
    }

    /** Copies segment bytes {@code [offset, offset + len)} into {@code dst[off..]}. */
    public void read(long offset, byte[] dst, int off, int len) {
        check(offset, len);
        stream.fill(streamOffset + offset, dst, off, len);
        if (flipped >= offset && flipped < offset + len) {
            dst[off + (int) (flipped - offset)] ^= 0x5A;
        }
    }

    @Override
    public void read(long offset, int len, ByteBuf target) {
        check(offset, len);
        byte[] scratch = new byte[Math.min(SCRATCH, len)];
        for (int done = 0; done < len; ) {
            int n = Math.min(scratch.length, len - done);
            read(offset + done, scratch, 0, n);
            target.writeBytes(scratch, 0, n);
            done += n;
        }
    }

    /** Lower-case hex SHA-256 of the bytes as they read now: the firmware's check of its own copy. */
    @Override
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] scratch = new byte[(int) Math.min(SCRATCH, Math.max(1, length))];
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(scratch.length, length - done);
                read(done, scratch, 0, n);
                digest.update(scratch, 0, n);
                done += n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void check(long offset, int len) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new IndexOutOfBoundsException("segment of " + length + " bytes, asked " + offset + "+" + len);
        }
    }
}
