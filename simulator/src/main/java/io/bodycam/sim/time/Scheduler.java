package io.bodycam.sim.time;

/**
 * Runs one device's tasks, one at a time, at virtual times. Every camera timer goes through one of
 * these, so the same code runs on a Netty event loop in a real run and on the test thread under a
 * {@link ManualClock}.
 */
public interface Scheduler {

    /** Virtual now, in epoch milliseconds; the same value as the clock's. */
    long now();

    /**
     * The virtual time the task now running was due: a timer that fires late still says when it should
     * have fired, so a report it makes is stamped with the time it was due and the delay of a bench that
     * fell behind shows in the latency it measures (no coordinated omission). Outside a timer, and on a
     * clock whose timers are never late, {@link #now()}.
     */
    default long due() {
        return now();
    }

    /** Runs {@code task} once, {@code delayMillis} virtual milliseconds from now (0 or less: as soon as possible). */
    Timer schedule(long delayMillis, Runnable task);

    /**
     * Runs {@code task} every {@code periodMillis} virtual milliseconds, the first time after
     * {@code initialDelayMillis}, at a fixed rate: a late run does not shift the ones after it. One
     * timer serves every run, so a periodic report costs no scheduling garbage.
     */
    Timer every(long initialDelayMillis, long periodMillis, Runnable task);

    /** Runs {@code task} as soon as possible, after the task now running. */
    void execute(Runnable task);

    /** True when the caller is already on this scheduler's thread (so it may touch device state directly). */
    boolean inThread();

    /** Runs {@code task} now when on this scheduler's thread, else hands it over with {@link #execute}. */
    default void run(Runnable task) {
        if (inThread()) {
            task.run();
        } else {
            execute(task);
        }
    }
}
