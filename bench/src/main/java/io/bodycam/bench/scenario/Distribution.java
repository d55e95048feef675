package io.bodycam.bench.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** How long something lasts: always the same, uniformly between two bounds, or lognormal. */
public sealed interface Distribution {

    /** A sample in milliseconds, at least 1. */
    long sampleMillis(RandomGenerator random);

    /** The same every time. */
    record Fixed(Duration value) implements Distribution {
        public Fixed {
            positive("fixed duration", value);
        }

        public long sampleMillis(RandomGenerator random) {
            return value.toMillis();
        }
    }

    /** Uniform between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements Distribution {
        public Uniform {
            positive("uniform min", min);
            positive("uniform max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform max (" + max + ") must be >= min (" + min + ")");
            }
        }

        public long sampleMillis(RandomGenerator random) {
            return min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
        }
    }

    /** Lognormal with the given median and 95th percentile: p95 = median * exp(1.645 sigma). */
    record Lognormal(Duration median, Duration p95) implements Distribution {
        public Lognormal {
            positive("lognormal median", median);
            positive("lognormal p95", p95);
            if (p95.compareTo(median) < 0) {
                throw new IllegalArgumentException("lognormal p95 (" + p95 + ") must be >= its median (" + median + ")");
            }
        }

        public double sigma() {
            return Math.log((double) p95.toMillis() / median.toMillis()) / 1.6448536;
        }

        public long sampleMillis(RandomGenerator random) {
            return Math.max(1, (long) Math.exp(Math.log(median.toMillis()) + sigma() * random.nextGaussian()));
        }
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, was " + d);
        }
    }
}
