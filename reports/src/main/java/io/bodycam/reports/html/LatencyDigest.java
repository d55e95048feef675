package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.files.LatencyKind;
import io.bodycam.record.files.LatencyLog;
import org.HdrHistogram.Histogram;


/**
 * Each latency log as the charts need it: percentiles over time (intervals merged so a chart holds at
 * most {@link #MAX_POINTS} points, see {@link LatencyLog#read(java.nio.file.Path, LatencyKind, int)})
 * and the whole run's distribution at fixed percentiles, in
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
        for (LatencyLog.Point p : log.points()) {
            Json.add(t, p.endSeconds());
            Json.add(columns[0], log.millis(p.p50()));
            Json.add(columns[1], log.millis(p.p90()));
            Json.add(columns[2], log.millis(p.p99()));
            Json.add(columns[3], log.millis(p.max()));
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
