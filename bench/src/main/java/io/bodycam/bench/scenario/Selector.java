package io.bodycam.bench.scenario;

import java.util.List;
import java.util.Objects;

/**
 * Which cameras a timeline event applies to: optionally only some groups or named cameras, then a
 * share ({@code fraction} or {@code count}, picked by a seeded shuffle so the same seed picks the same
 * cameras), then optionally only those within {@code near} of a point at the moment of the event.
 */
public record Selector(List<String> groups, List<String> cameras, double fraction, int count, Near near) {

    /** Every camera. */
    public static final Selector ALL = new Selector(List.of(), List.of(), 1.0, 0, null);

    /** A circle on the map: the cameras whose position is inside it when the event happens. */
    public record Near(double lat, double lon, double radiusMetres) {
        public Near {
            if (!(lat >= -85 && lat <= 85) || !(lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("near: lat must be -85..85 and lon -180..180, was " + lat + ", " + lon);
            }
            if (!(radiusMetres > 0)) {
                throw new IllegalArgumentException("near: radius must be > 0, was " + radiusMetres + " m");
            }
        }
    }

    /**
     * @param count how many cameras (0: use {@code fraction})
     * @param near  null for no place condition
     */
    public Selector {
        groups = List.copyOf(groups);
        cameras = List.copyOf(cameras);
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be > 0 and <= 1, was " + fraction);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        if (count > 0 && fraction < 1) {
            throw new IllegalArgumentException("give fraction or count, not both");
        }
    }

    public static Selector fraction(double f) {
        return new Selector(List.of(), List.of(), f, 0, null);
    }

    public Selector inGroups(List<String> g) {
        return new Selector(Objects.requireNonNull(g), cameras, fraction, count, near);
    }

    public Selector near(Near n) {
        return new Selector(groups, cameras, fraction, count, n);
    }
}
