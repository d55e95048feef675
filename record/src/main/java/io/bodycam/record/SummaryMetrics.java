package io.bodycam.record;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The metrics of a {@code summary.json}: each value under its dotted name ({@code mqtt.state.latency.p99}
 * is {@code {"mqtt":{"state":{"latency":{"p99":...}}}}} in the file), in the order written, NaN where it
 * was not measured (null in the file). Each value also knows how it is written: a decimal metric (a
 * duration) always with its decimals, any other as a whole number when it is one (a count).
 */
public final class SummaryMetrics {

    /** The cameras the run played: a record without any is refused. */
    public static final String DEVICES_CONFIGURED = "devices.configured";

    private final Map<String, Double> values;
    private final Set<String> decimal;

    private SummaryMetrics(Map<String, Double> values, Set<String> decimal) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.decimal = Set.copyOf(decimal);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects metrics in the order they are to be written. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final Set<String> decimal = new HashSet<>();

        private Builder() {
        }

        /**
         * Adds (or replaces) a metric.
         *
         * @param value   NaN when it was not measured
         * @param decimal written with decimals even when whole (a duration in milliseconds)
         */
        public Builder put(String dotted, double value, boolean decimal) {
            Objects.requireNonNull(dotted, "metric name");
            if (dotted.isEmpty() || dotted.startsWith(".") || dotted.endsWith(".") || dotted.contains("..")) {
                throw new IllegalArgumentException("a metric name is dotted words, was '" + dotted + "'");
            }
            values.put(dotted, value);
            if (decimal) {
                this.decimal.add(dotted);
            } else {
                this.decimal.remove(dotted);
            }
            return this;
        }

        public SummaryMetrics build() {
            return new SummaryMetrics(values, decimal);
        }
    }

    /** The metric's value, empty when the summary lacks it or it was not measured. */
    public Optional<Double> get(String dotted) {
        Double v = values.get(dotted);
        return v == null || v.isNaN() ? Optional.empty() : Optional.of(v);
    }

    /** Every metric by dotted name, in the order written; NaN where not measured. */
    public Map<String, Double> values() {
        return values;
    }

    /** Whether the metric is written with its decimals even when whole. */
    public boolean decimal(String dotted) {
        return decimal.contains(dotted);
    }

    /** A metric value as the record's readers show it: up to three significant decimals, no trailing zeros. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SummaryMetrics m && values.equals(m.values) && decimal.equals(m.decimal);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + decimal.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
