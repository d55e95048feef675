package io.bodycam.sim.simnet;

import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The wire of simulated mode: every message and answer crosses it after a one-way latency drawn from a
 * seeded generator, on the one {@link ManualClock} every camera and server of the run shares. Draws
 * happen in the clock's event order, which is fixed by the seed, so the same seed gives the same
 * latencies in the same places.
 */
public final class SimNetwork {

    private final ManualClock clock;
    private final SplittableRandom random;
    private final long minMillis;
    private final long spreadMillis;

    /**
     * @param min the shortest one-way latency
     * @param max the longest (latencies are uniform between the two)
     */
    public SimNetwork(ManualClock clock, long seed, Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency range must be 0 <= min <= max, was " + min + ".." + max);
        }
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.minMillis = min.toMillis();
        this.spreadMillis = max.toMillis() - min.toMillis();
    }

    public ManualClock clock() {
        return clock;
    }

    /** One one-way latency, in virtual milliseconds. */
    public long latency() {
        return spreadMillis == 0 ? minMillis : minMillis + random.nextLong(spreadMillis + 1);
    }

    /** Runs {@code arrival} once a message sent now has crossed the wire. */
    void send(Runnable arrival) {
        clock.schedule(latency(), arrival);
    }
}
