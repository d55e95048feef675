package io.bodycam.sim.time;

/**
 * Told, for every timer that fires, how late it fired: actual minus intended wall time. This is the
 * event-loop scheduling lag that shows whether the fleet keeps up (issue 2, metric "camera timer lag").
 */
@FunctionalInterface
public interface TimerLagListener {

    TimerLagListener NONE = lagNanos -> { };

    void timerFired(long lagNanos);
}
