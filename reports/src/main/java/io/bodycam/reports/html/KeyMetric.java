package io.bodycam.reports.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A summary metric the report shows in its key figures and compares between two runs: its dotted name
 * in {@code summary.json}, a label, its unit, which way is better, and how much worse counts as a
 * regression.
 *
 * @param relative  a change worse than this fraction of the baseline is flagged (0.1: 10 %)
 * @param absolute  ... and only when it is also worse by more than this, in the metric's unit
 */
public record KeyMetric(String name, String label, String unit, Better better, double relative, double absolute) {

    /** Which direction of change is an improvement. */
    public enum Better { LOWER, HIGHER, NEITHER }

    public static final List<KeyMetric> ALL = catalogue();

    private static List<KeyMetric> catalogue() {
        List<KeyMetric> list = new ArrayList<>();
        list.add(new KeyMetric("devices.configured", "cameras configured", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("devices.connectedPeak", "cameras online at peak", "", Better.HIGHER, 0, 0));
        list.add(new KeyMetric("devices.allConnectedAfter", "all online after", "ms", Better.LOWER, 0.2, 500));
        list.add(new KeyMetric("mqtt.published", "MQTT messages published", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("mqtt.received", "MQTT messages received", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("mqtt.seqGaps", "seq gaps (QoS 1)", "", Better.LOWER, 0, 0));
        list.add(new KeyMetric("mqtt.duplicates", "duplicate messages", "", Better.LOWER, 0, 0));
        list.add(new KeyMetric("mqtt.droppedOffline", "dropped while offline", "", Better.LOWER, 0.1, 10));
        list.add(new KeyMetric("mqtt.malformed", "malformed payloads", "", Better.LOWER, 0, 0));
        for (String kind : List.of("state", "gps", "events", "status", "ack")) {
            for (String p : List.of("p50", "p99", "max")) {
                list.add(new KeyMetric("mqtt." + kind + ".latency." + p, kind + " latency " + p, "ms", Better.LOWER,
                        p.equals("max") ? 0.5 : 0.1, p.equals("max") ? 50 : 1));
            }
        }
        list.add(new KeyMetric("commands.sent", "commands sent", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("commands.acked", "commands acked ok", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("commands.failed", "commands failed", "", Better.LOWER, 0, 0));
        list.add(new KeyMetric("commands.rtt.p50", "command round trip p50", "ms", Better.LOWER, 0.1, 1));
        list.add(new KeyMetric("commands.rtt.p99", "command round trip p99", "ms", Better.LOWER, 0.1, 1));
        list.add(new KeyMetric("evidence.segmentsRecorded", "segments recorded", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("evidence.verified", "segments verified", "", Better.NEITHER, 0, 0));
        for (String bad : List.of("lost", "duplicated", "corrupt", "pending", "unexpected")) {
            list.add(new KeyMetric("evidence." + bad, "segments " + bad, "", Better.LOWER, 0, 0));
        }
        list.add(new KeyMetric("evidence.bytesRecorded", "bytes recorded", "B", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("evidence.recordToVerified.p50", "record to verified p50", "ms", Better.LOWER, 0.1, 1000));
        list.add(new KeyMetric("evidence.recordToVerified.p99", "record to verified p99", "ms", Better.LOWER, 0.1, 1000));
        list.add(new KeyMetric("uploads.completed", "uploads completed", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("uploads.failed", "failed upload attempts", "", Better.LOWER, 0.1, 0));
        list.add(new KeyMetric("uploads.throughput", "upload throughput", "B/s", Better.HIGHER, 0.1, 0));
        list.add(new KeyMetric("security.attempts", "impostor attempts", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("security.refused", "impostor attempts refused", "", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("security.accepted", "impostor attempts accepted", "", Better.LOWER, 0, 0));
        // the kinds of bench/.../scenario/ImpostorKind (docs/security.md#impostors)
        for (String kind : List.of("revoked", "expired", "foreignCa", "otherTopic", "replayWill", "otherUpload")) {
            list.add(new KeyMetric("security." + kind + ".refused", kind + " impostors refused", "", Better.NEITHER, 0, 0));
            list.add(new KeyMetric("security." + kind + ".accepted", kind + " impostors accepted", "", Better.LOWER, 0, 0));
        }
        list.add(new KeyMetric("timer.lag.p99", "camera timer lag p99", "ms", Better.LOWER, 0.2, 1));
        list.add(new KeyMetric("timer.lag.max", "camera timer lag max", "ms", Better.LOWER, 0.5, 50));
        list.add(new KeyMetric("run.wallTime", "wall time", "ms", Better.NEITHER, 0, 0));
        list.add(new KeyMetric("run.virtualTime", "virtual time", "ms", Better.NEITHER, 0, 0));
        return List.copyOf(list);
    }

    /** Whether going from {@code a} (baseline) to {@code b} (candidate) is a regression. */
    public boolean regressed(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        double worse = switch (better) {
            case LOWER -> b - a;
            case HIGHER -> a - b;
            case NEITHER -> 0;
        };
        return worse > absolute && worse > relative * Math.abs(a);
    }
}
