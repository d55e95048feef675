package io.bodycam.bench.scenario;

import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an officer does on duty: when incidents happen (a Poisson process, or a fixed schedule), how
 * long each is recorded, what starts the recording, how it is categorised, and how often the officer
 * forgets to stop (the camera then records until docked or its maximum length).
 *
 * <p>Defaults: about 5 recordings per 10-h shift [S58], lognormal length with median 10 min and p95
 * 60 min [S58, GUESS], mostly button presses [S1], 10 % flagged for priority upload [S27].
 */
public record Behaviour(double incidentsPerHour, List<ScheduledIncident> schedule, Distribution duration,
                        Map<Trigger, Double> triggers, List<Category> categories, double forgetToStop) {

    /** An incident at a fixed time after the officer went on duty. */
    public record ScheduledIncident(Duration at, Duration length) {
        public ScheduledIncident {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(length, "length");
        }
    }

    /** A recording category; {@code flagged} ones upload first. */
    public record Category(String name, double weight, boolean flagged) {
        public Category {
            Objects.requireNonNull(name, "category name");
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("category '" + name + "' weight must be >= 0, was " + weight);
            }
        }
    }

    public static final Behaviour DEFAULT = builder().build();

    public Behaviour {
        if (!(incidentsPerHour >= 0 && incidentsPerHour <= 60)) {
            throw new IllegalArgumentException("incidents per hour must be 0..60, was " + incidentsPerHour);
        }
        schedule = List.copyOf(schedule);
        Objects.requireNonNull(duration, "duration");
        triggers = Map.copyOf(triggers);
        if (triggers.isEmpty() || triggers.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("triggers need at least one positive weight");
        }
        categories = List.copyOf(categories);
        if (categories.isEmpty() || categories.stream().mapToDouble(Category::weight).sum() <= 0) {
            throw new IllegalArgumentException("categories need at least one positive weight");
        }
        if (!(forgetToStop >= 0 && forgetToStop <= 1)) {
            throw new IllegalArgumentException("forgetToStop must be 0..1, was " + forgetToStop);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.incidentsPerHour = incidentsPerHour;
        b.schedule = schedule;
        b.duration = duration;
        b.triggers = new EnumMap<>(triggers);
        b.categories = categories;
        b.forgetToStop = forgetToStop;
        return b;
    }

    /** Builds a {@link Behaviour}; {@link #build()} checks the whole. */
    public static final class Builder {
        private double incidentsPerHour = 0.5;
        private List<ScheduledIncident> schedule = List.of();
        private Distribution duration = new Distribution.Lognormal(Duration.ofMinutes(10), Duration.ofMinutes(60));
        private Map<Trigger, Double> triggers = new EnumMap<>(Map.of(Trigger.BUTTON, 0.5, Trigger.HOLSTER, 0.25, Trigger.LIGHTBAR, 0.25));
        private List<Category> categories = List.of(new Category("uncategorized", 0.9, false), new Category("flagged", 0.1, true));
        private double forgetToStop;

        private Builder() {
        }

        /** Poisson arrivals per camera per hour on duty; 0 for none. */
        public Builder incidentsPerHour(double v) {
            incidentsPerHour = v;
            return this;
        }

        /** Incidents at fixed times after going on duty (in addition to the Poisson ones). */
        public Builder schedule(List<ScheduledIncident> v) {
            schedule = v;
            return this;
        }

        public Builder duration(Distribution v) {
            duration = v;
            return this;
        }

        /** What starts recordings, with weights; only button, holster, lightbar and command apply. */
        public Builder triggers(Map<Trigger, Double> v) {
            for (Trigger t : v.keySet()) {
                if (t == Trigger.ROLLOVER || t == Trigger.SURGE) {
                    throw new IllegalArgumentException("trigger '" + t.wireName() + "' is not an officer's; use button, holster, lightbar or command");
                }
            }
            triggers = new EnumMap<>(v);
            return this;
        }

        public Builder categories(List<Category> v) {
            categories = v;
            return this;
        }

        /** Share of recordings the officer forgets to stop. */
        public Builder forgetToStop(double v) {
            forgetToStop = v;
            return this;
        }

        public Behaviour build() {
            return new Behaviour(incidentsPerHour, schedule, duration, triggers, categories, forgetToStop);
        }
    }
}
