package io.bodycam.bench.run;

import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.Metric;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.bench.timeline.Phases;
import io.bodycam.bench.verdict.AssertionResult;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's {@code eventually} assertions, watched at every look: each passes the first time its condition
 * holds on the run's live metrics within its bound of virtual time after its anchor (its {@code after}
 * phase's opening, or the run's start), and fails if the bound passes, or the run ends, first.
 */
final class Liveness {

    private record Held(double value, long afterMillis) {
    }

    private final List<Assertion> bounded;
    private final long start;
    private final Phases phases;
    private final Map<Assertion, Held> held = new HashMap<>();
    private final Map<Assertion, Double> lastSeen = new HashMap<>();

    /** @param start the run's virtual start (epoch ms) */
    Liveness(List<Assertion> assertions, long start, Phases phases) {
        this.bounded = assertions.stream().filter(a -> a.eventually() != null).toList();
        this.start = start;
        this.phases = phases;
    }

    /** One look at virtual time {@code now}, with the metrics measured so far. */
    synchronized void look(long now, Map<String, Double> live) {
        for (Assertion a : bounded) {
            if (held.containsKey(a)) {
                continue;
            }
            Optional<Long> anchor = anchor(a);
            if (anchor.isEmpty() || now > anchor.get() + a.eventually().toMillis()) {
                continue;
            }
            Double v = live.get(a.metric());
            if (v == null || v.isNaN()) {
                continue;
            }
            lastSeen.put(a, v);
            if (a.op().test(v, a.value())) {
                held.put(a, new Held(v, Math.max(0, now - anchor.get())));
            }
        }
    }

    /** The verdict of an {@code eventually} assertion, as the run saw it. */
    synchronized AssertionResult result(Assertion a) {
        Metric.Unit unit = Metric.byName(a.metric()).map(Metric::unit).orElse(Metric.Unit.COUNT);
        Held h = held.get(a);
        if (h != null) {
            return new AssertionResult(a, true, h.value(), unit, "");
        }
        String from = a.after() == null ? "the start" : "phase " + a.after() + " opened";
        if (anchor(a).isEmpty()) {
            return new AssertionResult(a, false, null, unit, a.expr() + " failed: phase " + a.after() + " never opened");
        }
        Double last = lastSeen.get(a);
        return new AssertionResult(a, false, last, unit, a.expr() + " failed: not seen to hold within "
                + Durations.format(a.eventually()) + " after " + from + (last == null ? "" : "; last seen " + last));
    }

    private Optional<Long> anchor(Assertion a) {
        return a.after() == null ? Optional.of(start) : phases.start(a.after()).map(Snapshot::virtualTime);
    }
}
