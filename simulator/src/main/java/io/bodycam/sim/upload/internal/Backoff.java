package io.bodycam.sim.upload.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Retry delays with "full jitter": uniform in {@code [0, min(max, initial * 2^(n-1))]} for the
 * {@code n}-th failure in a row, so a dock full of cameras that lost the backend together does not
 * come back in lock step. tus 1.0.0 leaves the retry policy to the client; its predecessor asked for
 * "a randomized exponential back off strategy".
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The virtual delay before retrying after the {@code failuresInRow}-th failure in a row (>= 1). */
    public long delayMillis(int failuresInRow) {
        int doublings = Math.min(Math.max(failuresInRow - 1, 0), 40);
        long bound = initialMillis > maxMillis >> doublings ? maxMillis : initialMillis << doublings;
        return random.nextLong(bound + 1);
    }
}
