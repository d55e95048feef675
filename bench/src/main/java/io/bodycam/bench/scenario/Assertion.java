package io.bodycam.bench.scenario;

import java.util.Objects;

/**
 * A pass/fail condition on one metric of the run, checked at the end: {@code evidence.lost == 0},
 * {@code mqtt.state.latency.p99 < 500ms}. Values carry their unit; the metric's own unit decides the
 * comparison (milliseconds for latencies, bytes for sizes, plain numbers for counts).
 *
 * @param value the threshold in the metric's base unit (ms, bytes, bytes/s or a plain number)
 */
public record Assertion(String expr, String metric, Op op, double value) {

    /** Comparison operators, as written. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
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
}
