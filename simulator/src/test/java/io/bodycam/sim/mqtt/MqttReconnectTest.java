package io.bodycam.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Reconnect timing on a {@link io.bodycam.sim.time.ManualClock}: full-jitter backoff [S76]
 * (docs/domain.md#reconnect-backoff).
 */
class MqttReconnectTest {

    /** Always draws the top of the range, so every delay equals its cap. */
    private static final class TopOfRange implements RandomGenerator {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }

    private static List<Long> secondsBetween(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 1000);
        }
        return gaps;
    }

    @Test
    void the_cap_doubles_from_initial_to_max_and_resets_after_an_accepted_connack() {
        WireFixture f = new WireFixture(WireFixture.config().build(), () -> null, new TopOfRange());
        f.link.refuseNext = 8;
        f.connection.start();

        f.clock.advance(Duration.ofSeconds(183));
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), secondsBetween(f.link.attemptTimes));

        f.sent();
        f.connAck(false);
        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));

        assertEquals(10, f.link.attemptTimes.size(), "reconnected 1 s (the initial cap) after the loss");
    }

    @Test
    void a_refused_connack_counts_as_a_failed_attempt() {
        WireFixture f = new WireFixture(WireFixture.config().build(), () -> null, new TopOfRange());
        f.connection.start();
        for (int i = 0; i < 3; i++) {
            f.sent();
            f.brokerSends("20 02 00 05");
            f.clock.advance(Duration.ofSeconds(1L << i));
        }

        assertEquals(List.of(1L, 2L, 4L), secondsBetween(f.link.attemptTimes));
    }

    @Test
    void seeded_delays_stay_within_each_attempts_cap_and_repeat_with_the_same_seed() {
        MqttClientConfig config = WireFixture.config().backoffInitial(Duration.ofMillis(500))
                .backoffMax(Duration.ofSeconds(20)).build();
        List<List<Long>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            WireFixture f = new WireFixture(config, () -> null, new SplittableRandom(2026));
            f.link.refuseNext = 12;
            f.connection.start();
            while (f.link.attemptTimes.size() <= 12) {
                f.clock.advance(Duration.ofSeconds(1));
            }
            List<Long> delays = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                delays.add(f.link.attemptTimes.get(i) - f.link.attemptTimes.get(i - 1));
            }
            runs.add(delays);
        }

        List<Long> delays = runs.get(0);
        for (int n = 0; n < delays.size(); n++) {
            long cap = Math.min(20_000, 500L << n);
            long d = delays.get(n);
            assertTrue(d >= 0 && d <= cap, "delay " + n + " was " + d + " ms, cap " + cap + " ms; all: " + delays);
        }
        assertEquals(runs.get(0), runs.get(1), "the same seed gives the same delays (docs/design.md#determinism)");
    }
}
