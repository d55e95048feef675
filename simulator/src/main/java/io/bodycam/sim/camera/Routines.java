package io.bodycam.sim.camera;

import io.bodycam.sim.time.Timer;

import java.util.Map;

/**
 * A powered camera's periodic work: the GPS report at the cadence of its mode [S4], the {@code state}
 * heartbeat, and housekeeping (battery, storage flags, recorder progress). Runs on the camera's
 * thread; {@link #stop} cancels everything when it switches off.
 */
final class Routines {

    /** Battery, storage flags and recorder progress are brought up to date this often (virtual). */
    static final long HOUSEKEEPING_MILLIS = 10_000;

    private final Camera camera;
    private final java.util.SplittableRandom network;
    private Timer gps = Timer.NONE;
    private Timer outage = Timer.NONE;
    private Timer heartbeat = Timer.NONE;
    private Timer housekeeping = Timer.NONE;

    Routines(Camera camera) {
        this.camera = camera;
        this.network = new java.util.SplittableRandom(camera.config().seed() ^ 0x17E0L);
    }

    /** After boot: heartbeat and housekeeping start. */
    void start() {
        startHeartbeat();
        housekeeping = camera.scheduler().every(HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, this::housekeeping);
        scheduleOutage();
    }

    void stop() {
        outage.cancel();
        gps.cancel();
        heartbeat.cancel();
        housekeeping.cancel();
    }

    /** New settings from the backend: cadences restart with the new intervals. */
    void settingsChanged() {
        heartbeat.cancel();
        startHeartbeat();
        modeChanged(false);
    }

    /**
     * GPS cadence follows the mode: 10 s recording, 15 min otherwise [S4]; none docked or off. A new
     * recording reports its position at once (Axis records it at recording start [S-Axis]).
     */
    void modeChanged(boolean publishNow) {
        gps.cancel();
        long interval = switch (camera.mode()) {
            case RECORDING -> camera.settings().gpsIntervalRecording().toMillis();
            case READY_BUFFERING, SLEEP, PRIORITY_UPLOAD -> camera.settings().gpsIntervalIdle().toMillis();
            default -> -1;
        };
        if (interval < 0) {
            gps = Timer.NONE;
            return;
        }
        if (publishNow) {
            camera.publishGps();
        }
        gps = camera.scheduler().every(interval, interval, camera::publishGps);
    }

    /** LTE outages as a Poisson process while powered; a docked camera uses the dock's wire instead [S10]. */
    private void scheduleOutage() {
        double perHour = camera.config().lteOutagesPerHour();
        if (perHour <= 0) {
            return;
        }
        long delay = (long) (-Math.log(1 - network.nextDouble()) / perHour * 3_600_000);
        outage = camera.scheduler().schedule(delay, () -> {
            if (camera.mode() != Mode.DOCKED) {
                camera.dropLink(camera.config().lteOutageLength().toMillis());
            }
            scheduleOutage();
        });
    }

    private void startHeartbeat() {
        long period = camera.settings().heartbeat().toMillis();
        heartbeat = camera.scheduler().every(period, period, camera::publishState);
    }

    /** Brings battery, storage, clock and recorder up to date; also run at once after a battery fault. */
    void housekeeping() {
        long now = camera.scheduler().now();
        var battery = camera.battery();
        battery.update(now);
        camera.recorder().progress(now);
        camera.refreshStorageFlags();
        camera.checkClock();
        boolean wasLow = camera.flags().contains(Flag.LOW_BATTERY);
        boolean wasCritical = camera.flags().contains(Flag.CRITICAL_BATTERY);
        camera.flag(Flag.LOW_BATTERY, battery.low());
        camera.flag(Flag.CRITICAL_BATTERY, battery.critical());
        if (battery.low() && !wasLow) {
            camera.emit("battery.low", Map.of("pct", Math.round(battery.percent() * 10) / 10.0));
        }
        if (battery.critical() && !wasCritical) {
            camera.emit("battery.critical", Map.of("pct", Math.round(battery.percent() * 10) / 10.0));
        }
        if (battery.empty()) {
            camera.shutDown("battery", false);
        }
    }
}
