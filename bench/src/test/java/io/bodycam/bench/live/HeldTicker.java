package io.bodycam.bench.live;

import io.bodycam.bench.run.Ticker;
import io.bodycam.sim.time.PausableClock;
import java.time.Duration;

/** A watch-loop pace for tests: steps a held clock a fixed amount per tick up to where the test lets it go, then holds. */
final class HeldTicker implements Ticker {
    private final PausableClock clock;
    private final Duration step;
    private long until;

    HeldTicker(PausableClock clock, Duration step) {
        this.clock = clock;
        this.step = step;
        this.until = clock.now();
    }

    @Override
    public synchronized void next() throws InterruptedException {
        while (clock.now() >= until) {
            wait();
        }
        clock.step(step);
    }

    /** Lets the clock go {@code to} past where it stands now. */
    synchronized void letGo(Duration to) {
        until = Math.max(until, clock.now() + to.toMillis());
        notifyAll();
    }

    /** Lets the run go on to its end. */
    synchronized void release() {
        until = Long.MAX_VALUE;
        notifyAll();
    }

    /** Where the clock stands. */
    long now() {
        return clock.now();
    }
}
