package io.bodycam.sim.mqtt.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "full jitter" after AWS ([S76], docs/domain.md#reconnect-backoff): the n-th
 * retry in a row waits a uniformly random time in [0, min(max, initial * 2^n)]. Spreading the delays
 * over the whole range is what keeps a fleet from reconnecting in waves after a broker restart.
 * {@link #reset()} after success.
 */
public final class ReconnectBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public ReconnectBackoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt, in milliseconds; each call counts one more failed attempt. */
    public long nextDelayMillis() {
        long cap = cap(attempt);
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return random.nextLong(cap + 1);
    }

    /** min(max, initial * 2^attempt) without overflow. */
    public long cap(int attempt) {
        if (attempt >= 62 || initialMillis > maxMillis >>> attempt) {
            return maxMillis;
        }
        return initialMillis << attempt;
    }

    /** Failed attempts since the last {@link #reset()}. */
    public int attempt() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }
}
