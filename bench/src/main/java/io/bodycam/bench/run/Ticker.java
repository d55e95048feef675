package io.bodycam.bench.run;

import io.bodycam.sim.time.PausableClock;

import java.time.Duration;

/**
 * The pace of a run's watch loop: {@link #next()} returns when it is time to look at the run again. A
 * real run looks once a wall second; a test holding a {@link PausableClock} steps virtual time on each
 * tick instead, and so drives a whole run without waiting for the wall clock.
 */
@FunctionalInterface
public interface Ticker {

    /** Returns when the watch loop should look again. */
    void next() throws InterruptedException;

    /** One look a wall second. */
    static Ticker wallSecond() {
        return () -> Thread.sleep(1_000);
    }

    /** Each tick moves {@code clock} ahead by {@code step} (running what falls due), then returns. */
    static Ticker stepping(PausableClock clock, Duration step) {
        return () -> clock.step(step);
    }
}
