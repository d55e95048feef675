package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.LteOutage;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;

import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A powered camera's periodic work: the GPS report at the cadence of its mode [S4], the {@code state}
 * heartbeat, housekeeping, and the LTE outages of its scenario (the radio drops without a goodbye,
 * the broker publishes the Will, and it comes back later; QoS 1 messages wait in the client
 * meanwhile). Runs on the camera's thread;
 * {@link #stop} cancels everything when it switches off.
 */
public final class Routines {

    /** Battery, storage flags and recorder progress are brought up to date this often (virtual). */
    public static final long HOUSEKEEPING_MILLIS = 10_000;

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final ModeMachine machine;
    private final LiveSettings settings;
    private final Runnable publishGps;
    private final Runnable publishState;
    private final Runnable housekeeping;
    private final TelemetryLink telemetry;
    private final Reporter reporter;
    private final EventSink events;
    private final SplittableRandom network;
    private Timer gps = Timer.NONE;
    private Timer outage = Timer.NONE;
    private Timer heartbeat = Timer.NONE;
    private Timer housekeepingTimer = Timer.NONE;
    private Timer reconnect = Timer.NONE;

    public Routines(CameraConfig config, Scheduler scheduler, ModeMachine machine, LiveSettings settings,
                    TelemetryLink telemetry, Reporter reporter, EventSink events, Runnable publishGps,
                    Runnable publishState, Runnable housekeeping) {
        this.config = config;
        this.scheduler = scheduler;
        this.machine = machine;
        this.settings = settings;
        this.publishGps = publishGps;
        this.publishState = publishState;
        this.housekeeping = housekeeping;
        this.telemetry = telemetry;
        this.reporter = reporter;
        this.events = events;
        this.network = new SplittableRandom(config.seed() ^ 0x17E0L);
    }

    /** After boot: heartbeat and housekeeping start. */
    public void start() {
        startHeartbeat();
        housekeepingTimer = scheduler.every(HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, housekeeping);
        scheduleOutage();
    }

    public void stop() {
        reconnect.cancel();
        outage.cancel();
        gps.cancel();
        heartbeat.cancel();
        housekeepingTimer.cancel();
    }

    /** New settings from the backend: cadences restart with the new intervals. */
    public void settingsChanged() {
        heartbeat.cancel();
        startHeartbeat();
        modeChanged(false);
    }

    /**
     * GPS cadence follows the mode: 10 s recording, 15 min otherwise [S4]; none docked or off. A new
     * recording reports its position at once (Axis records it at recording start [S-Axis]).
     */
    public void modeChanged(boolean publishNow) {
        gps.cancel();
        long interval = switch (machine.mode()) {
            case RECORDING -> settings.current().gpsIntervalRecording().toMillis();
            case READY_BUFFERING, SLEEP, PRIORITY_UPLOAD -> settings.current().gpsIntervalIdle().toMillis();
            default -> -1;
        };
        if (interval < 0) {
            gps = Timer.NONE;
            return;
        }
        if (publishNow) {
            publishGps.run();
        }
        gps = scheduler.every(interval, interval, publishGps);
    }

    /** LTE outages as a Poisson process while powered; a docked camera uses the dock's wire instead [S10]. */
    private void scheduleOutage() {
        double perHour = config.lteOutagesPerHour();
        if (perHour <= 0) {
            return;
        }
        long delay = (long) (-Math.log(1 - network.nextDouble()) / perHour * 3_600_000);
        outage = scheduler.schedule(delay, () -> {
            if (machine.mode() != Mode.DOCKED) {
                dropLink(config.lteOutageLength().toMillis());
            }
            scheduleOutage();
        });
    }

    private void dropLink(long millis) {
        if (!telemetry.connected()) {
            return;
        }
        loseLink(millis, m -> { });
        events.emit(new LteOutage(events.deviceId(), events.time(), millis));
    }

    /**
     * The MQTT link dies without a goodbye (the broker publishes the Will) and the camera tries again
     * after {@code millis} of virtual time, unless it is off by then; {@code alsoHttp} takes the HTTP
     * side away for as long.
     */
    public void loseLink(long millis, LongConsumer alsoHttp) {
        alsoHttp.accept(millis);
        if (machine.mode() == Mode.OFF) {
            return;
        }
        reconnect.cancel();
        boolean wasUp = telemetry.connected();
        telemetry.stop(false);
        if (wasUp) {
            reporter.willSpent();
        }
        reconnect = scheduler.schedule(millis, () -> {
            if (machine.mode() != Mode.OFF) {
                telemetry.start();
            }
        });
    }

    private void startHeartbeat() {
        long period = settings.current().heartbeat().toMillis();
        heartbeat = scheduler.every(period, period, publishState);
    }
}
