package io.bodycam.bench.run;

import io.bodycam.bench.assertions.Metric;
import io.bodycam.bench.backend.observer.FleetObserver;
import io.bodycam.bench.backend.observer.FleetStats;
import io.bodycam.bench.backend.observer.LatencySummary;
import io.bodycam.bench.backend.observer.TopicKind;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Scenario;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers a finished run's metrics under their catalogue names ({@link Metric}): what the observer
 * saw, what the cameras' clients counted, the ledger check, upload and timer statistics. A metric that
 * could not be measured (no sample) is NaN, which fails any assertion on it.
 */
final class Metrics {

    private Metrics() {
    }

    static Map<String, Double> collect(Scenario scenario, ScenarioRunner.Watch watch, Fleet.MqttTotals mqtt,
                                       FleetObserver observer, CommandCounter commands, RunCollector collector,
                                       LedgerCheck.Result evidence, Recorder lag, long wallNanos, long virtualMillis) {
        Map<String, Double> m = new LinkedHashMap<>();
        FleetStats stats = observer.stats();
        m.put("devices.configured", (double) scenario.cameraCount());
        m.put("devices.connectedPeak", (double) observer.connectedPeak());
        m.put("devices.online", (double) watch.onlineAtEnd());
        m.put("devices.allConnectedAfter", watch.allConnectedAfterMillis());
        m.put("mqtt.published", (double) mqtt.published());
        m.put("mqtt.received", (double) stats.receivedTotal());
        m.put("mqtt.droppedOffline", (double) (mqtt.droppedOffline() + mqtt.droppedQueueFull()));
        long gaps = 0;
        for (TopicKind k : TopicKind.values()) {
            // status seq may legitimately skip a number when a broker dies before firing a Will
            if (k.qos() == 1 && k != TopicKind.STATUS) {
                gaps += stats.seq(k).missing();
            }
        }
        m.put("mqtt.seqGaps", (double) gaps);
        m.put("mqtt.duplicates", (double) stats.duplicates());
        m.put("mqtt.gpsLost", (double) stats.gpsLost());
        m.put("mqtt.malformed", (double) stats.malformed());
        for (TopicKind k : TopicKind.values()) {
            percentiles(m, "mqtt." + name(k) + ".latency", observer.latencySummary(k));
        }
        m.put("commands.sent", (double) commands.sent());
        m.put("commands.acked", (double) commands.acked());
        m.put("commands.failed", (double) commands.failed());
        percentiles(m, "commands.rtt", observer.commandRoundTripSummary());
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
        m.put("evidence.bytesRecorded", (double) evidence.bytesRecorded());
        percentiles(m, "evidence.recordToVerified", LatencySummary.of(millisAsMicros(collector.recordToVerified())));
        m.put("uploads.completed", (double) collector.uploadsCompleted());
        m.put("uploads.failed", (double) collector.uploadsFailed());
        m.put("uploads.bytes", (double) collector.uploadBytes());
        m.put("uploads.throughput", collector.uploadThroughput());
        percentiles(m, "timer.lag", LatencySummary.of(lag.getIntervalHistogram()));
        m.put("run.wallTime", wallNanos / 1e6);
        m.put("run.virtualTime", (double) virtualMillis);
        m.put("run.clockSpeed", scenario.clockSpeed());
        return m;
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
