package io.bodycam.bench.metrics;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.assertions.Metric;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers a finished run's metrics under their catalogue names ({@link Metric}): what the observer
 * saw, what the cameras' clients counted, the ledger check, upload and timer statistics. A metric that
 * could not be measured (no sample) is NaN, which fails any assertion on it.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The run's metrics: the window from the start to {@code end}, plus what only the end can tell
     * (devices, the evidence ledger, the cameras' own MQTT counters, run times).
     */
    public static Map<String, Double> collect(Scenario scenario, double allConnectedAfterMillis, int onlineAtEnd,
                                              Fleet.MqttTotals mqtt, FleetObserver observer, RunCollector collector,
                                              LedgerCheck.Result evidence, Snapshot end, long wallNanos,
                                              long virtualMillis) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("devices.configured", (double) scenario.cameraCount());
        m.put("devices.connectedPeak", (double) observer.connectedPeak());
        m.put("devices.online", (double) onlineAtEnd);
        m.put("devices.allConnectedAfter", allConnectedAfterMillis);
        m.put("mqtt.published", (double) mqtt.published());
        m.put("mqtt.droppedOffline", (double) (mqtt.droppedOffline() + mqtt.droppedQueueFull()));
        m.put("mqtt.undelivered", (double) mqtt.heldOffline());
        m.putAll(window(null, end));
        m.put("evidence.segmentsRecorded", (double) evidence.recorded());
        m.put("evidence.verified", (double) evidence.verified());
        m.put("evidence.lost", (double) evidence.lost());
        m.put("evidence.duplicated", (double) evidence.duplicated());
        m.put("evidence.corrupt", (double) evidence.corrupt());
        m.put("evidence.pending", (double) evidence.pending());
        m.put("evidence.unexpected", (double) evidence.unexpected());
        m.put("evidence.corruptInjected", (double) evidence.corruptInjected());
        m.put("evidence.corruptAccepted", (double) evidence.corruptAccepted());
        m.put("evidence.cutByPowerLoss", (double) evidence.cutByPowerLoss());
        m.put("evidence.duplicateUploadsInjected", (double) evidence.duplicateInjected());
        m.put("evidence.bytesRecorded", (double) evidence.bytesRecorded());
        percentiles(m, "evidence.recordToVerified", LatencySummary.of(millisAsMicros(collector.recordToVerified())));
        m.put("uploads.throughput", collector.uploadThroughput());
        m.put("run.wallTime", wallNanos / 1e6);
        m.put("run.virtualTime", (double) virtualMillis);
        m.put("run.clockSpeed", scenario.clockSpeed());
        return m;
    }

    /**
     * The metrics that can be measured over a window (a phase, or the run so far): what happened
     * between {@code from} (null: the start) and {@code to}. {@link Metric#windowed()} names them.
     */
    public static Map<String, Double> window(Snapshot from, Snapshot to) {
        Map<String, Double> m = new LinkedHashMap<>();
        FleetStats a = from == null ? null : from.stats();
        FleetStats b = to.stats();
        m.put("mqtt.received", (double) (b.receivedTotal() - (a == null ? 0 : a.receivedTotal())));
        long gaps = 0;
        for (TopicKind k : TopicKind.values()) {
            // status seq may legitimately skip a number when a broker dies before firing a Will
            if (k.qos() == 1 && k != TopicKind.STATUS) {
                gaps += b.seq(k).missing() - (a == null ? 0 : a.seq(k).missing());
            }
        }
        m.put("mqtt.seqGaps", (double) gaps);
        m.put("mqtt.duplicates", (double) (b.duplicates() - (a == null ? 0 : a.duplicates())));
        m.put("mqtt.gpsLost", (double) (b.gpsLost() - (a == null ? 0 : a.gpsLost())));
        m.put("mqtt.malformed", (double) (b.malformed() - (a == null ? 0 : a.malformed())));
        m.put("mqtt.schemaChecked", (double) (b.schemaChecked() - (a == null ? 0 : a.schemaChecked())));
        for (TopicKind k : TopicKind.values()) {
            percentiles(m, "mqtt." + name(k) + ".latency", LatencySummary.of(minus(to.latency().get(k), from == null ? null : from.latency().get(k))));
        }
        m.put("commands.sent", (double) (to.commandsSent() - (from == null ? 0 : from.commandsSent())));
        m.put("commands.acked", (double) (to.commandsAcked() - (from == null ? 0 : from.commandsAcked())));
        m.put("commands.failed", (double) (to.commandsFailed() - (from == null ? 0 : from.commandsFailed())));
        percentiles(m, "commands.rtt", LatencySummary.of(minus(to.commandRoundTrip(), from == null ? null : from.commandRoundTrip())));
        m.put("uploads.completed", (double) (to.uploadsCompleted() - (from == null ? 0 : from.uploadsCompleted())));
        m.put("uploads.failed", (double) (to.uploadsFailed() - (from == null ? 0 : from.uploadsFailed())));
        m.put("uploads.bytes", (double) (to.uploadBytes() - (from == null ? 0 : from.uploadBytes())));
        percentiles(m, "timer.lag", LatencySummary.of(minus(to.timerLag(), from == null ? null : from.timerLag())));
        return m;
    }

    private static Histogram minus(Histogram to, Histogram from) {
        Histogram h = to.copy();
        if (from != null) {
            h.subtract(from);
        }
        return h;
    }

    private static String name(TopicKind k) {
        return k == TopicKind.ACK ? "ack" : k.suffix();
    }

    private static void percentiles(Map<String, Double> m, String base, LatencySummary s) {
        boolean none = s.count() == 0;
        m.put(base + ".p50", none ? Double.NaN : s.p50Millis());
        m.put(base + ".p90", none ? Double.NaN : s.p90Millis());
        m.put(base + ".p99", none ? Double.NaN : s.p99Millis());
        m.put(base + ".max", none ? Double.NaN : s.maxMillis());
    }

    /** The record-to-verified histogram counts virtual milliseconds; LatencySummary reads microseconds. */
    private static Histogram millisAsMicros(Histogram millis) {
        Histogram h = new Histogram(3);
        millis.recordedValues().forEach(v -> h.recordValueWithCount(v.getValueIteratedTo() * 1000, v.getCountAtValueIteratedTo()));
        return h;
    }
}
