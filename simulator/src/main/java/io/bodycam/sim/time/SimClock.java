package io.bodycam.sim.time;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The only source of time for device logic (docs/design.md#virtual-time).
 *
 * <p>Device code never reads the system clock or sleeps: it asks {@link #now()} and schedules its
 * timers through a {@link Scheduler} bound to its own event loop. Production runs on
 * {@link WallClock} (optionally sped up N times); tests use {@link ManualClock} and advance an
 * 8-hour shift in milliseconds.
 */
public interface SimClock {

    /** Virtual time, in milliseconds since the Unix epoch. */
    long now();

    /**
     * How many virtual seconds pass per wall-clock second: 1 for real time, N for a run sped up N
     * times. Used to turn a virtual interval back into wall time (a network latency, say).
     */
    double speed();

    /**
     * The virtual time that a wall-clock reading ({@code wallEpochMillis}, from a server on real time) stands
     * for: the same instant on this clock. A clock not driven by the wall clock ({@link ManualClock}) takes
     * the reading as it is.
     */
    default long fromWall(long wallEpochMillis) {
        return wallEpochMillis;
    }

    /**
     * A scheduler that runs tasks on {@code loop} (a camera's event loop) at virtual times.
     * A {@link ManualClock} ignores the loop and runs tasks on the thread that advances it.
     */
    Scheduler scheduler(ScheduledExecutorService loop);
}
