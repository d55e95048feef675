package io.bodycam.sim.time;

/** A scheduled task that may still be cancelled. */
@FunctionalInterface
public interface Timer {

    /** A timer that was never scheduled; cancelling it does nothing. */
    Timer NONE = () -> { };

    /** Stops the task from running if it has not run yet; calling it again does nothing. */
    void cancel();
}
