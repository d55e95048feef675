package io.bodycam.bench.recovery;

import io.bodycam.bench.observer.LatencySummary;
import java.util.Map;

/**
 * Puts the recovery measurements under their catalogue names ({@code mqtt.offlineDetected.*},
 * {@code mqtt.offlineUndetected}, {@code recovery.*}); a measurement without a sample is NaN, which
 * fails any assertion on it.
 */
public final class RecoveryMetrics {

    private RecoveryMetrics() {
    }

    public static void put(Map<String, Double> m, OfflineDetection offline, RecoveryTracker recovery) {
        LatencySummary s = offline.summary();
        boolean none = s.count() == 0;
        m.put("mqtt.offlineDetected.p50", none ? Double.NaN : s.p50Millis());
        m.put("mqtt.offlineDetected.p90", none ? Double.NaN : s.p90Millis());
        m.put("mqtt.offlineDetected.p99", none ? Double.NaN : s.p99Millis());
        m.put("mqtt.offlineDetected.max", none ? Double.NaN : s.maxMillis());
        m.put("mqtt.offlineUndetected", (double) offline.undetected());
        m.put("recovery.faults", (double) recovery.faults());
        m.put("recovery.unrecovered", (double) recovery.unrecovered());
        m.put("recovery.allOnlineAfter", recovery.allOnlineAfter().stream().mapToDouble(v -> v).findFirst().orElse(Double.NaN));
        m.put("recovery.queueDrainedAfter", recovery.queueDrainedAfter().stream().mapToDouble(v -> v).findFirst()
                .orElse(Double.NaN));
    }
}
