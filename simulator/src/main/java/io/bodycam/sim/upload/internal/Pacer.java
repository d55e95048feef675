package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.UploadPacer;

/**
 * Spaces a camera's upload chunks so that its average rate stays at or below the limit in virtual
 * time: a chunk of {@code n} bytes that starts at {@code t} lets the next one start at
 * {@code t + n / rate} at the earliest. One per client, shared by all its uploads (they share the
 * dock's link). Not thread-safe: the camera's loop owns it.
 */
public final class Pacer implements UploadPacer {

    private final long bytesPerSecond;
    private double nextStart = Double.NEGATIVE_INFINITY;

    /** {@code bytesPerSecond} 0: no limit. */
    public Pacer(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * Books {@code bytes} of the link and returns how many virtual milliseconds from {@code now} the
     * chunk may start (0: at once).
     */
    @Override
    public long reserve(long now, int bytes) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        double start = Math.max(now, nextStart);
        nextStart = start + bytes * 1000.0 / bytesPerSecond;
        return (long) Math.ceil(start - now);
    }
}
