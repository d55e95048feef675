package io.bodycam.bench.scenario.assertions;

import io.bodycam.bench.scenario.units.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * A pass/fail condition on one metric of the run, checked at the end: {@code evidence.lost == 0},
 * {@code mqtt.state.latency.p99 < 500ms}. Values carry their unit; the metric's own unit decides the
 * comparison (milliseconds for latencies, bytes for sizes, plain numbers for counts).
 *
 * @param value       the threshold in the metric's base unit (ms, bytes, bytes/s or a plain number)
 * @param during      null, or the phase the metric is measured in
 * @param abortOnFail stop the run as soon as the assertion is seen to fail (exit 1)
 * @param eventually  null, or a liveness bound: the condition must be seen to hold at some moment no later
 *                    than this much virtual time after {@code after} opened (or the run started)
 * @param after       with {@code eventually}: the phase whose opening starts the bound (null: the run's start)
 */
public record Assertion(String expr, String metric, Op op, double value, String during, boolean abortOnFail,
                        Duration eventually, String after) {

    /** Comparison operators: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** As written in a scenario. */
        public String symbol() {
            return symbol;
        }

        /** The operator written {@code symbol}. */
        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("no operator '" + symbol + "'; operators: < <= > >= == !=");
        }

        public boolean test(double actual, double threshold) {
            return switch (this) {
                case LT -> actual < threshold;
                case LE -> actual <= threshold;
                case GT -> actual > threshold;
                case GE -> actual >= threshold;
                case EQ -> actual == threshold;
                case NE -> actual != threshold;
            };
        }
    }

    public Assertion {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(op, "op");
    }

    /** An assertion over the whole run, checked at the end. */
    public Assertion(String expr, String metric, Op op, double value) {
        this(expr, metric, op, value, null, false, null, null);
    }

    /**
     * The same assertion, measured during a phase only and/or stopping the run when it fails; both need
     * a metric that can be measured over a window ({@link Metric#windowed()}).
     */
    public Assertion with(String phase, boolean abort) {
        if ((phase != null || abort) && !Metric.byName(metric).map(Metric::windowed).orElse(false)) {
            throw new IllegalArgumentException(metric + " is only known at the end of the run, so it cannot be "
                    + (phase != null ? "measured during a phase" : "checked while the run goes (abortOnFail)"));
        }
        return new Assertion(expr, metric, op, value, phase, abort, null, null);
    }

    /**
     * The same condition as a liveness assertion: it passes once it is seen to hold, on the run's metrics
     * so far, within {@code bound} of virtual time after phase {@code after} opens (null: the run's start),
     * as a healing phase asks ("every camera is back online within 15 minutes of the faults' end"). It
     * needs a metric the run measures while it goes ({@link Metric#live()}).
     */
    public Assertion eventually(Duration bound, String after) {
        if (bound == null || bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("eventually needs a positive duration, e.g. eventually: 15m");
        }
        if (!Metric.byName(metric).map(Metric::live).orElse(false)) {
            throw new IllegalArgumentException(metric + " is not measured while the run goes, so it cannot be checked "
                    + "with eventually; these can: " + String.join(", ", Metric.liveNames()));
        }
        if (during != null || abortOnFail) {
            throw new IllegalArgumentException("eventually cannot be combined with during or abortOnFail");
        }
        String text = expr + " within " + Durations.format(bound) + (after == null ? "" : " after " + after);
        return new Assertion(text, metric, op, value, null, false, bound, after);
    }
}
