package io.bodycam.bench.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happens to a share of the fleet at a virtual time after the start. Waves spread
 * their cameras evenly {@code over} a duration, in camera order; {@code fraction} picks the first
 * cameras of a seeded shuffle, so the same seed picks the same cameras.
 */
public sealed interface TimelineEvent {

    Duration at();

    double fraction();

    Duration over();

    /** The event's name in scenario files. */
    String kind();

    private static void check(Duration at, double fraction, Duration over) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(over, "over");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at must be >= 0, was " + at);
        }
        if (over.isNegative()) {
            throw new IllegalArgumentException("over must be >= 0, was " + over);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be > 0 and <= 1, was " + fraction);
        }
    }

    /** Cameras switch on (and start patrolling). */
    record PowerOn(Duration at, double fraction, Duration over) implements TimelineEvent {
        public PowerOn {
            check(at, fraction, over);
        }

        public String kind() {
            return "powerOn";
        }
    }

    /** Cameras go into their docks: recordings stop, uploads start. */
    record Dock(Duration at, double fraction, Duration over) implements TimelineEvent {
        public Dock {
            check(at, fraction, over);
        }

        public String kind() {
            return "dock";
        }
    }

    /** Cameras come out of their docks and patrol again. */
    record Undock(Duration at, double fraction, Duration over) implements TimelineEvent {
        public Undock {
            check(at, fraction, over);
        }

        public String kind() {
            return "undock";
        }
    }

    /** A share of the fleet starts recording within {@code over} and records for {@code length}. */
    record Surge(Duration at, double fraction, Duration over, Duration length) implements TimelineEvent {
        public Surge {
            check(at, fraction, over);
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("surge length must be > 0, was " + length);
            }
        }

        public String kind() {
            return "surge";
        }
    }

    /** The backend sends a command to a share of the fleet (through the observer). */
    record Command(Duration at, double fraction, Duration over, String type, Map<String, Object> params)
            implements TimelineEvent {
        public Command {
            check(at, fraction, over);
            Objects.requireNonNull(type, "type");
            params = Map.copyOf(params);
        }

        public String kind() {
            return "command";
        }
    }
}
