package io.bodycam.bench.verdict;

import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.Metric;

/**
 * One assertion checked against a run's metrics.
 *
 * @param actual the metric's value, or null when it was not measured (which fails the assertion)
 */
public record AssertionResult(Assertion assertion, boolean passed, Double actual, Metric.Unit unit, String message) {

    /** Checks every assertion against the run's metrics (dotted name to value in the metric's unit). */
    public static java.util.List<AssertionResult> evaluate(java.util.List<Assertion> assertions,
                                                           java.util.Map<String, Double> metrics) {
        return evaluate(assertions, a -> metrics);
    }

    /** Checks every assertion against the metrics its scope has: the whole run, or its phase. */
    public static java.util.List<AssertionResult> evaluate(java.util.List<Assertion> assertions,
                                                           java.util.function.Function<Assertion, java.util.Map<String, Double>> metricsOf) {
        return assertions.stream().map(a -> {
            Metric.Unit unit = Metric.byName(a.metric()).map(Metric::unit).orElse(Metric.Unit.COUNT);
            Double actual = metricsOf.apply(a).get(a.metric());
            if (actual == null || actual.isNaN()) {
                return new AssertionResult(a, false, null, unit, a.metric() + " was not measured in this run"
                        + (a.during() == null ? "" : " during phase " + a.during()));
            }
            boolean ok = a.op().test(actual, a.value());
            return new AssertionResult(a, ok, actual, unit, ok ? "" : a.expr() + " failed: actual " + actual + (unit.symbol().isEmpty() ? "" : " " + unit.symbol()));
        }).toList();
    }
}
