package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.bench.scenario.yaml.YamlNode;
import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a {@code behaviour:} mapping on top of a base behaviour (the profile's, or the defaults). */
final class BehaviourBinder {

    private static final Duration DAY = Duration.ofDays(1);
    private static final List<String> TRIGGERS = List.of("button", "holster", "lightbar", "command");

    private BehaviourBinder() {
    }

    static Behaviour read(YamlMap b, Behaviour base) {
        Behaviour.Builder out = base.toBuilder();
        if (b.has("incidentsPerHour")) {
            out.incidentsPerHour(b.decimal("incidentsPerHour", base.incidentsPerHour(), 0, 60));
        }
        b.optionalList("schedule").ifPresent(list -> {
            List<Behaviour.ScheduledIncident> schedule = new ArrayList<>();
            for (YamlMap i : list.maps()) {
                schedule.add(new Behaviour.ScheduledIncident(i.duration("at", Duration.ZERO, DAY),
                        i.duration("length", Duration.ofSeconds(1), DAY)));
            }
            out.schedule(schedule);
        });
        b.optionalMap("recordingDuration").ifPresent(d -> out.duration(distribution(d)));
        b.optionalMap("triggers").ifPresent(t -> out.triggers(triggers(t)));
        b.optionalList("categories").ifPresent(list -> {
            List<Behaviour.Category> categories = new ArrayList<>();
            for (YamlMap c : list.maps()) {
                categories.add(new Behaviour.Category(c.string("name"), c.decimal("weight", 1, 0, 1e6), c.bool("flagged", false)));
            }
            if (!categories.isEmpty() && categories.stream().mapToDouble(Behaviour.Category::weight).sum() <= 0) {
                b.problems().report(b.node("categories").orElseThrow(), "categories need at least one positive weight");
            } else if (!categories.isEmpty()) {
                out.categories(categories);
            }
        });
        if (b.has("flaggedShare")) {
            double flagged = b.fraction("flaggedShare", 0.1);
            out.categories(List.of(new Behaviour.Category("uncategorized", 1 - flagged, false),
                    new Behaviour.Category("flagged", flagged, true)));
        }
        if (b.has("forgetToStop")) {
            out.forgetToStop(b.fraction("forgetToStop", 0));
        }
        if (b.has("flaggedShare") && b.has("categories")) {
            b.problems().report(b.node("flaggedShare").orElseThrow(), "give flaggedShare or categories, not both",
                    "categories: [{name: ..., weight: ..., flagged: true}] says more");
        }
        return out.build();
    }

    /** {@code {fixed: 10m}}, {@code {min: 5m, max: 20m}} or {@code {median: 10m, p95: 60m}}. */
    static Distribution distribution(YamlMap d) {
        if (d.has("fixed")) {
            return new Distribution.Fixed(d.duration("fixed", Duration.ofSeconds(1), DAY));
        }
        if (d.has("min") || d.has("max")) {
            Duration min = d.duration("min", Duration.ofSeconds(1), DAY);
            Duration max = d.duration("max", Duration.ofSeconds(1), DAY);
            if (max.compareTo(min) < 0) {
                d.problems().report(d, "max must be at least min");
                return new Distribution.Fixed(min);
            }
            return new Distribution.Uniform(min, max);
        }
        Duration median = d.duration("median", Duration.ofSeconds(1), DAY);
        Duration p95 = d.duration("p95", Duration.ofSeconds(1), DAY);
        if (p95.compareTo(median) < 0) {
            d.problems().report(d, "p95 must be at least the median");
            return new Distribution.Fixed(median);
        }
        return new Distribution.Lognormal(median, p95);
    }

    private static Map<Trigger, Double> triggers(YamlMap t) {
        Map<Trigger, Double> weights = new EnumMap<>(Trigger.class);
        for (String name : TRIGGERS) {
            if (t.has(name)) {
                weights.put(Trigger.valueOf(name.toUpperCase(Locale.ROOT)), t.fraction(name, 0));
            }
        }
        if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            YamlNode at = t;
            t.problems().report(at, "triggers need at least one positive share, of " + TRIGGERS);
            return Map.of(Trigger.BUTTON, 1.0);
        }
        return weights;
    }
}
