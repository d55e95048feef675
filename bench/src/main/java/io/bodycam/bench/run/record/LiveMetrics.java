package io.bodycam.bench.run.record;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.observer.TopicKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The run metrics (catalogue names, {@code scenario.assertions.Metric}) that can be measured while a run goes
 * on, for the live progress line: presence, MQTT counts and latencies, commands, uploads. The evidence
 * ledger's verdicts (lost, corrupt, ...) exist only at the end and are absent here.
 */
final class LiveMetrics {

    private LiveMetrics() {
    }

    static Map<String, Double> of(FleetObserver observer, FleetStats stats, TimeSeriesFile.Totals totals) {
        Map<String, Double> m = new HashMap<>();
        m.put("devices.connectedPeak", (double) observer.connectedPeak());
        m.put("devices.online", (double) observer.onlineCount());
        m.put("mqtt.received", (double) stats.receivedTotal());
        long gaps = 0;
        for (TopicKind k : TopicKind.values()) {
            if (k.qos() == 1 && k != TopicKind.STATUS) {
                gaps += stats.seq(k).missing();
            }
            percentiles(m, "mqtt." + RunRecorder.name(k) + ".latency", observer.latencySummary(k));
        }
        m.put("mqtt.seqGaps", (double) gaps);
        m.put("mqtt.duplicates", (double) stats.duplicates());
        m.put("mqtt.gpsLost", (double) stats.gpsLost());
        m.put("mqtt.malformed", (double) stats.malformed());
        m.put("mqtt.schemaChecked", (double) stats.schemaChecked());
        m.put("commands.sent", (double) totals.commandsSent());
        m.put("commands.acked", (double) totals.commandsAcked());
        m.put("commands.failed", (double) totals.commandsFailed());
        percentiles(m, "commands.rtt", observer.commandRoundTripSummary());
        m.put("evidence.segmentsRecorded", (double) totals.segments());
        m.put("uploads.completed", (double) totals.uploadsCompleted());
        m.put("uploads.failed", (double) totals.uploadsFailed());
        m.put("uploads.bytes", (double) totals.uploadBytes());
        return m;
    }

    private static void percentiles(Map<String, Double> m, String base, LatencySummary s) {
        if (s.count() == 0) {
            return;
        }
        m.put(base + ".p50", s.p50Millis());
        m.put(base + ".p90", s.p90Millis());
        m.put(base + ".p99", s.p99Millis());
        m.put(base + ".max", s.maxMillis());
    }
}
