package io.bodycam.sim.recording;

/**
 * The synthetic payload a camera's sensor produces: an endless, deterministic byte stream at a fixed
 * rate, addressed by capture time. Byte {@code p} is a pure function of (seed, p), so any range can be
 * regenerated for upload without storing it, and two cameras never produce the same bytes.
 *
 * <p>The pre-event buffer, the recording and its segments are all ranges of this one stream: a
 * recording that starts with 30 s of pre-event video begins with exactly the bytes captured in the
 * 30 s before the trigger.
 */
public final class CaptureStream {

    /** Positions count from 2020-01-01T00:00Z so they stay far below Long.MAX_VALUE. */
    static final long STREAM_EPOCH = 1_577_836_800_000L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final double bytesPerSecond;

    /**
     * @param bytesPerSecond payload bytes per second of capture (the video bitrate / 8, times the run's
     *                       payload scale); must be > 0
     */
    public CaptureStream(long seed, double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("payload rate must be > 0 B/s, was " + bytesPerSecond);
        }
        this.seed = seed;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Stream position of the first byte captured at {@code captureTime} (virtual epoch ms). */
    public long position(long captureTime) {
        return (long) Math.floor((captureTime - STREAM_EPOCH) / 1000.0 * bytesPerSecond);
    }

    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Writes the stream bytes at positions {@code [position, position + len)} into {@code dst[off..]}. */
    public void fill(long position, byte[] dst, int off, int len) {
        int i = 0;
        long p = position;
        while (i < len) {
            long word = mix(seed + (p >>> 3) * GOLDEN);
            int shift = (int) (p & 7);
            int n = Math.min(8 - shift, len - i);
            word >>>= shift * 8;
            for (int k = 0; k < n; k++) {
                dst[off + i + k] = (byte) word;
                word >>>= 8;
            }
            i += n;
            p += n;
        }
    }

    /** SplitMix64's finaliser: a fast, well-mixed function of its input. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
