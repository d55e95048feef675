package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.reports.record.LatencyKind;
import io.bodycam.reports.record.LatencyLog;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * Each latency log as the charts need it: percentiles over time (intervals merged so a chart holds at
 * most {@value #MAX_POINTS} points) and the whole run's distribution at fixed percentiles, in
 * milliseconds (wall, or virtual for record-to-verified).
 */
final class LatencyDigest {

    static final int MAX_POINTS = 600;
    static final double[] PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100};
    private static final String[] OVER_TIME = {"p50", "p90", "p99", "max"};

    private LatencyDigest() {
    }

    static ObjectNode of(LatencyLog log) {
        ObjectNode o = Json.object();
        o.put("label", log.kind().description());
        o.put("unit", log.kind().unit() == LatencyKind.Unit.VIRTUAL_MILLIS ? "virtual ms" : "ms");
        o.put("count", log.total().getTotalCount());
        ObjectNode over = o.putObject("over");
        ArrayNode t = over.putArray("t");
        ArrayNode[] columns = new ArrayNode[OVER_TIME.length];
        for (int i = 0; i < OVER_TIME.length; i++) {
            columns[i] = over.putArray(OVER_TIME[i]);
        }
        List<LatencyLog.Interval> intervals = log.intervals();
        int per = Math.max(1, (intervals.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < intervals.size(); i += per) {
            int end = Math.min(intervals.size(), i + per);
            Histogram merged = intervals.get(i).histogram();
            if (end - i > 1) {
                merged = merged.copy();
                for (int k = i + 1; k < end; k++) {
                    merged.add(intervals.get(k).histogram());
                }
            }
            LatencyLog.Interval last = intervals.get(end - 1);
            Json.add(t, last.startSeconds() + last.lengthSeconds());
            Json.add(columns[0], log.millis(merged.getValueAtPercentile(50)));
            Json.add(columns[1], log.millis(merged.getValueAtPercentile(90)));
            Json.add(columns[2], log.millis(merged.getValueAtPercentile(99)));
            Json.add(columns[3], log.millis(merged.getMaxValue()));
        }
        ArrayNode dist = o.putArray("dist");
        Histogram total = log.total();
        for (double p : PERCENTILES) {
            if (total.getTotalCount() == 0) {
                dist.addNull();
            } else {
                long v = p == 0 ? total.getMinValue() : p == 100 ? total.getMaxValue() : total.getValueAtPercentile(p);
                Json.add(dist, log.millis(v));
            }
        }
        return o;
    }

    /** The percentile labels of {@code dist}, for the page. */
    static ArrayNode labels() {
        ArrayNode a = Json.array();
        for (double p : PERCENTILES) {
            a.add(p == 0 ? "min" : p == 100 ? "max" : "p" + ConsoleNumber.of(p));
        }
        return a;
    }
}
