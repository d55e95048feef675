package io.bodycam.sim.upload.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void the_bound_doubles_per_failure_in_a_row_up_to_the_cap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(1));

        for (int failures = 1; failures <= 50; failures++) {
            long bound = Math.min(30_000, 1000L << Math.min(failures - 1, 20));
            int n = failures;
            long max = IntStream.range(0, 200).mapToLong(i -> backoff.delayMillis(n)).max().orElseThrow();
            assertTrue(max <= bound, "failure " + failures + ": " + max + " > " + bound);
            assertTrue(max > bound / 2, "failure " + failures + ": jitter never came near " + bound + ", max " + max);
        }
    }

    @Test
    void the_same_seed_gives_the_same_delays() {
        Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(7));
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(7));

        for (int failures = 1; failures < 10; failures++) {
            assertEquals(a.delayMillis(failures), b.delayMillis(failures));
        }
    }
}
