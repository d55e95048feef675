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

    /** Writes the stream bytes at positions {@code [position, position + len)} into {@code dst[off..]}. */
    public void fill(long position, byte[] dst, int off, int len) {
        SeededBytes.fill(seed, position, dst, off, len);
    }
}
