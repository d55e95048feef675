package io.bodycam.sim.upload;

/**
 * Decides when an upload chunk may start so that a link's rate is respected in virtual time: the
 * camera's own dock bandwidth, a site uplink that every camera shares, or both.
 */
@FunctionalInterface
public interface UploadPacer {

    /** No limit. */
    UploadPacer UNLIMITED = (now, bytes) -> 0;

    /**
     * Books {@code bytes} of the link and returns how many virtual milliseconds from {@code now} the
     * chunk may start (0: at once).
     */
    long reserve(long now, int bytes);

    /** A link of {@code bytesPerSecond} (virtual time), used by one camera; 0 or less: no limit. */
    static UploadPacer limit(double bytesPerSecond) {
        return bytesPerSecond <= 0 ? UNLIMITED : new io.bodycam.sim.upload.internal.Pacer(Math.max(1, (long) bytesPerSecond));
    }

    /** Both limits: each books the chunk, and it starts when both allow. */
    default UploadPacer and(UploadPacer other) {
        return (now, bytes) -> Math.max(reserve(now, bytes), other.reserve(now, bytes));
    }
}
