package io.bodycam.bench.live.internal;

import java.util.Arrays;

/**
 * A run record's clocks tied together: {@code timeseries.jsonl} says how far the virtual clock was
 * (milliseconds since the run's start) at each wall millisecond of the recording, events carry both
 * their virtual epoch time and their wall millisecond. From those, the virtual epoch time of any wall
 * millisecond: what puts the time series and the latency logs on the events' time line.
 */
public final class VirtualAxis {

    private final long[] wall;
    private final long[] virtual;
    private final double speed;
    private final long start;

    /**
     * @param wall    wall milliseconds of the time series' lines, ascending
     * @param virtual virtual milliseconds since the start at those lines
     * @param speed   virtual per wall millisecond, for times outside the lines
     * @param start   the run's virtual start, epoch milliseconds
     */
    private VirtualAxis(long[] wall, long[] virtual, double speed, long start) {
        this.wall = wall;
        this.virtual = virtual;
        this.speed = speed;
        this.start = start;
    }

    /**
     * @param pinnedStart the scenario's pinned start (epoch ms), or null to estimate it from the events
     * @param eventT      virtual epoch times of some events
     * @param eventWall   the same events' wall milliseconds
     */
    public static VirtualAxis of(long[] wall, long[] virtual, double speed, Long pinnedStart, long[] eventT, long[] eventWall) {
        VirtualAxis relative = new VirtualAxis(wall, virtual, speed, 0);
        long start;
        if (pinnedStart != null) {
            start = pinnedStart;
        } else if (eventT.length > 0) {
            long[] guesses = new long[eventT.length];
            for (int i = 0; i < eventT.length; i++) {
                guesses[i] = eventT[i] - relative.sinceStart(eventWall[i]);
            }
            Arrays.sort(guesses);
            start = guesses[guesses.length / 2];
        } else {
            start = 0;
        }
        return new VirtualAxis(wall, virtual, speed, start);
    }

    /** The run's virtual start, epoch milliseconds. */
    public long start() {
        return start;
    }

    /** Virtual epoch milliseconds at a wall millisecond of the recording. */
    public long at(long wallMs) {
        return start + sinceStart(wallMs);
    }

    /** Virtual epoch milliseconds of a time series line's {@code virtualMs}. */
    public long ofVirtual(long virtualMs) {
        return start + virtualMs;
    }

    private long sinceStart(long w) {
        if (wall.length == 0) {
            return Math.round(w * speed);
        }
        if (w <= wall[0]) {
            return virtual[0] - Math.round((wall[0] - w) * speed);
        }
        int last = wall.length - 1;
        if (w >= wall[last]) {
            return virtual[last] + Math.round((w - wall[last]) * speed);
        }
        int i = Arrays.binarySearch(wall, w);
        if (i >= 0) {
            return virtual[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (double) (w - wall[lo]) / (wall[hi] - wall[lo]);
        return virtual[lo] + Math.round(f * (virtual[hi] - virtual[lo]));
    }
}
