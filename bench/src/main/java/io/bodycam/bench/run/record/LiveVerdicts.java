package io.bodycam.bench.run.record;

import io.bodycam.bench.scenario.assertions.Assertion;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which assertions a run has already failed for good, judged on the live metrics: an upper bound
 * ({@code <}, {@code <=}, {@code ==}) on a metric that can only grow (a count, or a latency's maximum)
 * that is already exceeded. Other assertions may still change their verdict and are judged at the end.
 */
public final class LiveVerdicts {

    private static final Set<String> NOT_GROWING = Set.of("devices.online");

    private LiveVerdicts() {
    }

    public static List<Assertion> failedSoFar(List<Assertion> assertions, Map<String, Double> live) {
        return assertions.stream().filter(a -> a.eventually() == null && failedForGood(a, live.get(a.metric()))).toList();
    }

    private static boolean failedForGood(Assertion a, Double actual) {
        if (actual == null || actual.isNaN() || !onlyGrows(a.metric())) {
            return false;
        }
        return switch (a.op()) {
            case LT, LE -> !a.op().test(actual, a.value());
            case EQ -> actual > a.value();
            default -> false;
        };
    }

    private static boolean onlyGrows(String metric) {
        if (NOT_GROWING.contains(metric)) {
            return false;
        }
        boolean latency = metric.contains(".latency.") || metric.startsWith("commands.rtt.");
        return latency ? metric.endsWith(".max") : true;
    }
}
