package io.bodycam.sim.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff =
            new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(11));

    @Test
    void the_cap_is_initial_times_two_to_the_attempt_up_to_max_without_overflow() {
        List<Long> caps = new ArrayList<>();
        for (int n = 0; n <= 7; n++) {
            caps.add(backoff.cap(n));
        }

        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L), caps);
        assertEquals(60_000L, backoff.cap(63));
        assertEquals(60_000L, backoff.cap(Integer.MAX_VALUE));
    }

    @Test
    void delays_are_spread_over_the_whole_range_from_zero_to_the_cap() {
        LongSummaryStatistics atAttempt3 = new LongSummaryStatistics();
        for (int i = 0; i < 2_000; i++) {
            backoff.reset();
            for (int n = 0; n < 3; n++) {
                backoff.nextDelayMillis();
            }
            atAttempt3.accept(backoff.nextDelayMillis());
        }

        assertTrue(atAttempt3.getMin() >= 0 && atAttempt3.getMax() <= 8_000, atAttempt3::toString);
        assertTrue(atAttempt3.getMin() < 400 && atAttempt3.getMax() > 7_600, () -> "not full jitter: " + atAttempt3);
        assertTrue(Math.abs(atAttempt3.getAverage() - 4_000) < 300, () -> "not uniform: " + atAttempt3);
    }

    @Test
    void each_delay_counts_an_attempt_and_reset_starts_over() {
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        assertEquals(2, backoff.attempt());

        backoff.reset();

        assertEquals(0, backoff.attempt());
        assertTrue(backoff.nextDelayMillis() <= 1_000);
    }
}
