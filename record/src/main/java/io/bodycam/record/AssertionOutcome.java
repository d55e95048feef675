package io.bodycam.record;

import java.util.Objects;

/**
 * One assertion of a run as its {@code summary.json} lists it: the expression as the scenario wrote it,
 * the phase it was measured in, whether it held and the value it was judged on.
 *
 * @param during  the phase the metric was measured in, or null for the whole run
 * @param actual  the measured value in the metric's unit, or null when it could not be measured
 * @param unit    the unit's symbol ({@code ms}, {@code B}, {@code B/s}), empty for a count
 * @param message why it failed, or how a shard judged it (on its share, or {@linkplain #deferred() left to
 *                the merged record}); empty when it held as written
 */
public record AssertionOutcome(String expr, String during, boolean passed, Double actual, String unit, String message) {

    public AssertionOutcome {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(message, "message");
    }

    /**
     * How a shard's message starts when it left the assertion to the merged record: a metric that adds
     * up over shards, which one shard's share cannot tell.
     */
    public static final String DEFERRED = "deferred to ";

    /** How a shard's message starts when it compared a device count with its share of the fleet's. */
    public static final String ON_SHARE = "judged on this shard's share: ";

    /** Whether a shard judged this assertion on its share of the fleet. */
    public boolean onShare() {
        return message.startsWith(ON_SHARE);
    }

    /** Whether a shard left this assertion to the merged record (it then neither passed nor failed there). */
    public boolean deferred() {
        return message.startsWith(DEFERRED);
    }

    /** An assertion over the whole run. */
    public AssertionOutcome(String expr, boolean passed, Double actual, String unit, String message) {
        this(expr, null, passed, actual, unit, message);
    }
}
