package io.bodycam.bench.scenario.assertions;

import io.bodycam.bench.scenario.units.DataRates;
import io.bodycam.bench.scenario.units.DataSizes;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.bench.scenario.yaml.Suggestions;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an assertion as written in a scenario: {@code <metric> <op> <value>}, for example
 * {@code evidence.lost == 0}, {@code mqtt.state.latency.p99 < 500ms},
 * {@code uploads.throughput > 50MB/s}. The metric must be one of {@link Metric#all()}; the value must
 * carry a unit that fits the metric (a duration for latencies, a size for bytes, a rate for
 * throughput, a plain number for counts).
 */
public final class AssertionParser {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z][\\w.]*)\\s*(<=|>=|==|!=|<|>)\\s*(\\S.*?)\\s*");

    private AssertionParser() {
    }

    /** Parses one assertion; the exception's message says what is wrong and how to write it. */
    public static Assertion parse(String expr) {
        Matcher m = FORM.matcher(expr);
        if (!m.matches()) {
            throw new IllegalArgumentException("an assertion reads '<metric> <op> <value>', e.g. 'evidence.lost == 0'; "
                    + "operators: < <= > >= == !=");
        }
        String name = m.group(1);
        Metric metric = Metric.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'"
                + Suggestions.closest(name, Metric.names()).map(s -> ", did you mean '" + s + "'?").orElse("; see docs/scenarios.md for the list")));
        Assertion.Op op = Assertion.Op.of(m.group(2));
        return new Assertion(expr.strip(), metric.name(), op, value(metric, m.group(3)));
    }

    private static double value(Metric metric, String text) {
        try {
            return switch (metric.unit()) {
                case COUNT -> new BigDecimal(text).doubleValue();
                case MILLIS -> Durations.parseSeconds(text).doubleValue() * 1000;
                case BYTES -> DataSizes.parseBytes(text).doubleValue();
                case BYTES_PER_SECOND -> DataRates.parseBitsPerSecond(text).doubleValue() / 8;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(metric.name() + " is a count: compare it with a plain number, not '" + text + "'");
        } catch (IllegalArgumentException e) {
            String kind = switch (metric.unit()) {
                case MILLIS -> "a duration like 500ms";
                case BYTES -> "a size like 10GB";
                case BYTES_PER_SECOND -> "a rate like 50MB/s or 400Mbit/s";
                default -> "a number";
            };
            throw new IllegalArgumentException(metric.name() + " is compared with " + kind + ": " + e.getMessage());
        }
    }
}
