package io.bodycam.bench.observer;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram in wall-clock milliseconds (recorded in microseconds).
 *
 * @param count values recorded
 */
public record LatencySummary(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
                millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
