package io.bodycam.bench.scenario.assertions;

import java.util.Objects;

/**
 * A pass/fail condition on one metric of the run, checked at the end: {@code evidence.lost == 0},
 * {@code mqtt.state.latency.p99 < 500ms}. Values carry their unit; the metric's own unit decides the
 * comparison (milliseconds for latencies, bytes for sizes, plain numbers for counts).
 *
 * @param value       the threshold in the metric's base unit (ms, bytes, bytes/s or a plain number)
 * @param during      null, or the phase the metric is measured in
 * @param abortOnFail stop the run as soon as the assertion is seen to fail (exit 1)
 */
public record Assertion(String expr, String metric, Op op, double value, String during, boolean abortOnFail) {

    /** Comparison operators: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}. */
    public enum Op {
        LT, LE, GT, GE, EQ, NE;

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
        this(expr, metric, op, value, null, false);
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
        return new Assertion(expr, metric, op, value, phase, abort);
    }
}
