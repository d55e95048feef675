package io.bodycam.bench.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What a toxic does to a connection, after Toxiproxy's toxics (same names and meanings, so a
 * scenario author who knows Toxiproxy knows these). Each kind is an immutable value whose constructor
 * checks its range and names the field.
 */
public sealed interface ToxicKind {

    /** The Toxiproxy type name ({@code latency}, {@code bandwidth} ...), also the control API's. */
    String type();

    /**
     * Every chunk of data waits {@code latency} plus a uniform random {@code -jitter..+jitter} (never
     * below zero) before it goes on; order is kept, so a chunk never overtakes the one before it.
     */
    record Latency(Duration latency, Duration jitter) implements ToxicKind {
        public Latency {
            latency = range("latency", latency);
            jitter = range("jitter", jitter);
        }

        @Override
        public String type() {
            return "latency";
        }
    }

    /** At most {@code bytesPerSecond} go through (Toxiproxy's {@code rate} is in KB/s, 1 KB = 1000 B). */
    record Bandwidth(long bytesPerSecond) implements ToxicKind {
        public Bandwidth {
            if (bytesPerSecond < 1 || bytesPerSecond > 10_000_000_000L) {
                throw new IllegalArgumentException("bandwidth must be 1 B/s..10 GB/s, was " + bytesPerSecond + " B/s");
            }
        }

        @Override
        public String type() {
            return "bandwidth";
        }
    }

    /**
     * Data is cut into small writes of {@code averageSize ± sizeVariation} bytes, each {@code delay}
     * after the one before: a slow, fragmented link.
     */
    record Slicer(int averageSize, int sizeVariation, Duration delay) implements ToxicKind {
        public Slicer {
            if (averageSize < 1 || averageSize > 1 << 20) {
                throw new IllegalArgumentException("slicer average size must be 1..1048576 bytes, was " + averageSize);
            }
            if (sizeVariation < 0 || sizeVariation >= averageSize) {
                throw new IllegalArgumentException("slicer size variation must be 0.." + (averageSize - 1)
                        + " bytes (below the average size), was " + sizeVariation);
            }
            delay = range("slicer delay", delay);
        }

        @Override
        public String type() {
            return "slicer";
        }
    }

    /** After {@code timeout} (from when the toxic meets the connection) the connection is reset (TCP RST both ways). */
    record ResetPeer(Duration timeout) implements ToxicKind {
        public ResetPeer {
            timeout = range("reset timeout", timeout);
        }

        @Override
        public String type() {
            return "reset_peer";
        }
    }

    /**
     * No data gets through (a blackhole), nor the news that the sending side closed: a cut network.
     * After {@code timeout} the connection is closed, or never when the timeout is zero (data is
     * dropped until the toxic is removed).
     */
    record Timeout(Duration timeout) implements ToxicKind {
        public Timeout {
            timeout = range("timeout", timeout);
        }

        @Override
        public String type() {
            return "timeout";
        }
    }

    /** The connection is closed once {@code bytes} have gone through in the toxic's direction. */
    record LimitData(long bytes) implements ToxicKind {
        public LimitData {
            if (bytes < 0) {
                throw new IllegalArgumentException("data limit must be >= 0 bytes, was " + bytes);
            }
        }

        @Override
        public String type() {
            return "limit_data";
        }
    }

    /**
     * New connections are reset as soon as they are accepted (the server is down); existing ones are
     * left alone. Not a Toxiproxy toxic: Toxiproxy disables the whole proxy instead, which
     * {@link FaultProxy#disable()} also does.
     */
    record Down() implements ToxicKind {
        @Override
        public String type() {
            return "down";
        }
    }

    private static Duration range(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(field + " must be 0..1 h, was " + value.toMillis() + " ms");
        }
        return value;
    }
}
