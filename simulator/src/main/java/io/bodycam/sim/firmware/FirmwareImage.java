package io.bodycam.sim.firmware;

import io.bodycam.sim.recording.SeededBytes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A firmware image's bytes: a deterministic pseudo-random stream of {@code length} bytes, a pure
 * function of (version, position), so the backend serves any range without storing the image and a
 * test can rebuild it. A {@link #tampered() tampered} copy differs in one byte in the middle: what a
 * compromised mirror or a man in the middle would serve under a genuine signature
 * (docs/domain.md#firmware-signing; Mitchell found unsigned, unverified firmware [S53]).
 */
public final class FirmwareImage {

    private final String version;
    private final long length;
    private final long seed;
    private final long flippedAt;

    private FirmwareImage(String version, long length, long flippedAt) {
        if (length <= 0) {
            throw new IllegalArgumentException("firmware image size must be > 0 bytes, was " + length);
        }
        this.version = FirmwareVersion.require(version);
        this.length = length;
        this.seed = seedOf(version);
        this.flippedAt = flippedAt;
    }

    /** The genuine image of {@code version}, {@code length} bytes long. */
    public static FirmwareImage of(String version, long length) {
        return new FirmwareImage(version, length, -1);
    }

    /** The same image with the byte at {@code length / 2} flipped. */
    public FirmwareImage tampered() {
        return new FirmwareImage(version, length, length / 2);
    }

    public String version() {
        return version;
    }

    public long length() {
        return length;
    }

    /** Writes the bytes at positions {@code [position, position + len)} into {@code dst[off..]}. */
    public void read(long position, byte[] dst, int off, int len) {
        if (position < 0 || len < 0 || position + len > length) {
            throw new IndexOutOfBoundsException("bytes " + position + ".." + (position + len) + " of a "
                    + length + "-byte image");
        }
        SeededBytes.fill(seed, position, dst, off, len);
        if (flippedAt >= position && flippedAt < position + len) {
            dst[off + (int) (flippedAt - position)] ^= 0x01;
        }
    }

    /** Lower-case hex SHA-256 of the whole image (reads it once, in 64 KiB pieces). */
    public String sha256() {
        MessageDigest d = sha256Digest();
        byte[] buf = new byte[64 * 1024];
        for (long p = 0; p < length; p += buf.length) {
            int n = (int) Math.min(buf.length, length - p);
            read(p, buf, 0, n);
            d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static long seedOf(String version) {
        byte[] digest = sha256Digest().digest(("bodycam-firmware " + version).getBytes(StandardCharsets.UTF_8));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (digest[i] & 0xFF);
        }
        return s;
    }
}
