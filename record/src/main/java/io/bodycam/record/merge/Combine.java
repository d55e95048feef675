package io.bodycam.record.merge;

import java.util.List;

/**
 * How the shards' values of one {@code summary.json} metric become the merged run's value, for the
 * metrics that are not recomputed from the merged files (latency percentiles are: see
 * {@link RecordMerge}). A shard's value that was not measured (null in its summary) is left out.
 */
public enum Combine {
    /** Added up: counts, bytes, and rates of shards that ran side by side. */
    SUM,
    /** The largest: the slowest shard's time (every camera of the run is online when the last shard's are). */
    MAX,
    /** The largest, but not measured when any shard's was not (a shard whose cameras never all connected). */
    MAX_OF_ALL,
    /** The smallest: the earliest shard's start. */
    MIN;

    /** The merged value; NaN when nothing was measured. */
    public double apply(List<Double> values) {
        boolean any = false;
        double result = this == SUM ? 0 : this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v == null || v.isNaN()) {
                if (this == MAX_OF_ALL) {
                    return Double.NaN;
                }
                continue;
            }
            any = true;
            result = this == SUM ? result + v : this == MIN ? Math.min(result, v) : Math.max(result, v);
        }
        return any ? result : Double.NaN;
    }
}
