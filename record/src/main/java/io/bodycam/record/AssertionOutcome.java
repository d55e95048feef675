package io.bodycam.record;

import java.util.Objects;

/**
 * One assertion of a run as its {@code summary.json} lists it: the expression as the scenario wrote it,
 * the phase it was measured in, whether it held and the value it was judged on.
 *
 * @param during  the phase the metric was measured in, or null for the whole run
 * @param actual  the measured value in the metric's unit, or null when it could not be measured
 * @param unit    the unit's symbol ({@code ms}, {@code B}, {@code B/s}), empty for a count
 * @param message why it failed, empty when it held
 */
public record AssertionOutcome(String expr, String during, boolean passed, Double actual, String unit, String message) {

    public AssertionOutcome {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(message, "message");
    }

    /** An assertion over the whole run. */
    public AssertionOutcome(String expr, boolean passed, Double actual, String unit, String message) {
        this(expr, null, passed, actual, unit, message);
    }
}
