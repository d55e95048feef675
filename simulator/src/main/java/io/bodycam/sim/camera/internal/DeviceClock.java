package io.bodycam.sim.camera.internal;

/**
 * The camera's own real-time clock: true (virtual) time plus an offset that a wrong setting, a skew
 * or a drift puts there, until a time sync on the dock takes it out again [S8, S9]. Drift is in parts
 * per million of elapsed time, so ±10 ppm is about ±0.9 s a day (docs/domain.md#failure-clock).
 *
 * <p>The clock counts as unsynced once it was set wrong, or once drift has moved it more than
 * {@link #DRIFT_TOLERANCE_MILLIS} since the last sync [S79].
 */
public final class DeviceClock {

    /** Accumulated drift beyond which the camera raises {@link io.bodycam.sim.state.Flag#CLOCK_UNSYNCED}. */
    public static final long DRIFT_TOLERANCE_MILLIS = 1_000;

    private long offset;
    private double driftPpm;
    private long driftSince;
    private boolean setWrong;
    /** The offset right after the last sync (0 before any): drift is measured from there. */
    private long syncedOffset;

    public DeviceClock(long initialOffsetMillis, long now) {
        this.offset = initialOffsetMillis;
        this.driftSince = now;
        this.setWrong = initialOffsetMillis != 0;
    }

    /** The device's reading at virtual time {@code now}. */
    public long time(long now) {
        return now + offset(now);
    }

    /** Device time minus true time at {@code now}. */
    public long offset(long now) {
        return offset + drift(now);
    }

    /** Moves the clock by {@code millis} at once (a wrong manual setting, a DST error, a bad sync). */
    public void skew(long millis, long now) {
        fold(now);
        offset += millis;
        setWrong |= millis != 0;
    }

    /** From {@code now} on the clock runs {@code ppm} parts per million fast (negative: slow). */
    public void drift(double ppm, long now) {
        fold(now);
        driftPpm = ppm;
    }

    /** Sets the clock to {@code trueTime} as estimated by a sync; returns the correction applied. */
    public long sync(long estimatedTrueTime, long now) {
        long correction = estimatedTrueTime - time(now);
        fold(now);
        offset += correction;
        syncedOffset = offset;
        setWrong = false;
        return correction;
    }

    /** True when the clock was set wrong, or drift moved it past the tolerance, since the last sync. */
    public boolean unsynced(long now) {
        return setWrong || Math.abs(offset(now) - syncedOffset) > DRIFT_TOLERANCE_MILLIS;
    }

    private long drift(long now) {
        return Math.round((now - driftSince) * driftPpm / 1_000_000.0);
    }

    private void fold(long now) {
        offset += drift(now);
        driftSince = now;
    }
}
