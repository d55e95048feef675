package io.bodycam.bench.recovery;

import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.observer.PresenceListener;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FaultPowerLoss;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Measures how long the backend takes to see a camera go offline after its connection died: from
 * the moment of death (a power loss the camera reports to the bench, or a network cut the runner
 * reports with {@link #connectionLost}) to the observer receiving the camera's {@code offline} status,
 * normally its Last Will, which the broker sends after 1.5 x keep-alive of silence (MQTT 3.1.1 section
 * 3.1.2.10) or at once on a closed socket. Results are wall milliseconds
 * ({@code mqtt.offlineDetected.*}), since keep-alive runs on wall time.
 *
 * <p>Feed it camera events (it picks up {@code fault.powerLoss}) and the observer's presence
 * changes ({@code observer.onPresence(detection)}). Thread-safe.
 */
public final class OfflineDetection implements CameraListener, PresenceListener {

    private static final long MAX_MICROS = 3_600_000_000L;

    private final double clockSpeed;
    private final Map<String, Long> lostAt = new HashMap<>();
    /** Cameras the observer sees online now. */
    private final Set<String> online = new HashSet<>();
    private final Histogram detected = new Histogram(MAX_MICROS, 3);
    private long missed;

    /** @param clockSpeed the run's virtual seconds per wall second, to turn virtual intervals into wall time */
    public OfflineDetection(double clockSpeed) {
        if (!(clockSpeed > 0)) {
            throw new IllegalArgumentException("clock speed must be > 0, was " + clockSpeed);
        }
        this.clockSpeed = clockSpeed;
    }

    /**
     * The camera's connection died at virtual time {@code at} (epoch ms): a cut network, a dead proxy.
     * A camera the observer already sees offline (still reconnecting after an earlier fault, switched
     * off) has nothing left for the backend to detect, so its death is not counted.
     */
    public synchronized void connectionLost(String deviceId, long at) {
        if (online.contains(deviceId)) {
            lostAt.putIfAbsent(deviceId, at);
        }
    }

    @Override
    public void onEvent(CameraEvent e) {
        if (e instanceof FaultPowerLoss) {
            connectionLost(e.deviceId(), e.time());
        }
    }

    @Override
    public synchronized void presenceChanged(String deviceId, boolean online, String reason, long at) {
        if (online) {
            this.online.add(deviceId);
        } else {
            this.online.remove(deviceId);
        }
        Long lost = lostAt.get(deviceId);
        if (lost == null || at < lost) {
            return;
        }
        lostAt.remove(deviceId);
        if (online) {
            missed++;
            return;
        }
        long micros = Math.round((at - lost) * 1000.0 / clockSpeed);
        detected.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    /** Wall time from connection death to the offline status, over every detection so far. */
    public synchronized LatencySummary summary() {
        return LatencySummary.of(detected.copy());
    }

    /** Deaths the observer never saw as offline: still waiting, or the camera was back online first. */
    public synchronized long undetected() {
        return lostAt.size() + missed;
    }
}
