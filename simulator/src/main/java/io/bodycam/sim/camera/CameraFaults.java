package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.camera.internal.DeviceClock;
import io.bodycam.sim.camera.internal.EventSink;
import io.bodycam.sim.camera.internal.Flags;
import io.bodycam.sim.camera.internal.ModeMachine;
import io.bodycam.sim.camera.internal.PendingFaults;
import io.bodycam.sim.camera.internal.Recorder;
import io.bodycam.sim.event.FaultBattery;
import io.bodycam.sim.event.FaultClockDrift;
import io.bodycam.sim.event.FaultClockSkew;
import io.bodycam.sim.event.FaultGpsLoss;
import io.bodycam.sim.event.FaultNetworkPulled;
import io.bodycam.sim.event.FaultStorageFilled;
import io.bodycam.sim.event.FaultStorageReleased;
import io.bodycam.sim.event.StorageFull;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * What the world can do to one camera beyond normal use: the device faults of a scenario (issue 5,
 * docs/faults.md#camera-faults, docs/domain.md#failure-modes). Each method checks its argument at once,
 * on the caller's thread, then hops onto the camera's thread like every camera method. Each injected
 * fault is reported to the bench as a {@code fault.*} event on the {@link CameraListener} only: the
 * camera itself does not know, so nothing goes out on MQTT.
 *
 * <pre>{@code
 * camera.faults().powerLoss();                 // abrupt: the Will fires, the open segment is lost
 * camera.faults().skewClock(Duration.ofHours(1));
 * camera.faults().corruptNextSegment();        // the backend must see it as corrupt
 * }</pre>
 */
public final class CameraFaults {

    /** Largest clock drift accepted: 1 % (a broken oscillator, not a real crystal). */
    public static final double MAX_DRIFT_PPM = 10_000;

    private final Scheduler scheduler;
    private final InputJournal journal;
    private final ModeMachine machine;
    private final EventSink events;
    private final Flags flags;
    private final DeviceClock clock;
    private final GpsReceiver gps;
    private final Storage storage;
    private final Battery battery;
    private final Recorder recorder;
    private final PendingFaults pending;
    private final Runnable losePower;
    private final Runnable housekeeping;
    private final LongConsumer pullNetwork;

    CameraFaults(Scheduler scheduler, InputJournal journal, ModeMachine machine, EventSink events, Flags flags, DeviceClock clock,
                 GpsReceiver gps, Storage storage, Battery battery, Recorder recorder, PendingFaults pending,
                 Runnable losePower, Runnable housekeeping, LongConsumer pullNetwork) {
        this.scheduler = scheduler;
        this.journal = journal;
        this.machine = machine;
        this.events = events;
        this.flags = flags;
        this.clock = clock;
        this.gps = gps;
        this.storage = storage;
        this.battery = battery;
        this.recorder = recorder;
        this.pending = pending;
        this.losePower = losePower;
        this.housekeeping = housekeeping;
        this.pullNetwork = pullNetwork;
    }

    /**
     * The power dies at once (battery pulled, brown-out): no {@code offline} status (the broker sends
     * the Will), no closing of the recording. Closed segments survive on the card; the open one is
     * lost, and the next boot goes through {@link Mode#RECOVERING_INTERRUPTED} [S19, S43].
     */
    public void powerLoss() {
        scheduler.run(journal.input("fault.powerLoss", losePower));
    }

    /**
     * The camera's network goes away for {@code length} (a pulled dock cable, a dead cell): MQTT drops
     * without a goodbye (the broker publishes the Will), HTTP requests in flight fail and new ones fail
     * at once. Afterwards MQTT reconnects (QoS 1 messages queued meanwhile go out) and an interrupted
     * upload resumes at its next retry.
     */
    public void pullNetwork(Duration length) {
        Objects.requireNonNull(length, "network outage length");
        if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("network outage length must be 1 ms..1 day, was " + length);
        }
        scheduler.run(journal.input("fault.pullNetwork", () -> {
            pullNetwork.accept(length.toMillis());
            events.emit(new FaultNetworkPulled(events.deviceId(), events.time(), length.toMillis()));
        }, length));
    }

    /** Moves the camera's clock by {@code by} (a wrong manual setting, a DST error); flags it unsynced. */
    public void skewClock(Duration by) {
        Objects.requireNonNull(by, "clock skew");
        if (by.abs().compareTo(Duration.ofDays(36_500)) > 0) {
            throw new IllegalArgumentException("clock skew must be within ±36500 days, was " + by);
        }
        scheduler.run(journal.input("fault.skewClock", () -> {
            clock.skew(by.toMillis(), scheduler.now());
            events.emit(new FaultClockSkew(events.deviceId(), events.time(), by.toMillis()));
            flags.set(Flag.CLOCK_UNSYNCED, clock.unsynced(scheduler.now()));
        }, by));
    }

    /**
     * From now on the camera's clock runs {@code ppm} parts per million fast (negative: slow); once it
     * is more than a second off it flags {@link Flag#CLOCK_UNSYNCED}. The dock's time sync corrects
     * the offset; the drift itself goes on.
     */
    public void driftPpm(double ppm) {
        if (!(Math.abs(ppm) <= MAX_DRIFT_PPM)) {
            throw new IllegalArgumentException("clock drift must be within ±" + (long) MAX_DRIFT_PPM + " ppm, was " + ppm);
        }
        scheduler.run(journal.input("fault.driftPpm", () -> {
            clock.drift(ppm, scheduler.now());
            events.emit(new FaultClockDrift(events.deviceId(), events.time(), ppm));
        }, ppm));
    }

    /** The GPS receiver gets no fix for {@code duration} (a tunnel, a jammer): {@link Flag#NO_GPS_FIX} meanwhile. */
    public void loseGps(Duration duration) {
        Objects.requireNonNull(duration, "GPS loss duration");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("GPS loss duration must be 1 ms..1 day, was " + duration);
        }
        scheduler.run(journal.input("fault.loseGps", () -> {
            long now = scheduler.now();
            gps.jam(now, now + duration.toMillis());
            events.emit(new FaultGpsLoss(events.deviceId(), events.time(), duration.toMillis()));
            flags.set(Flag.NO_GPS_FIX, true);
            scheduler.schedule(duration.toMillis(), () -> {
                if (machine.mode() != Mode.OFF) {
                    flags.set(Flag.NO_GPS_FIX, !gps.fixAt(scheduler.now()).fix());
                }
            });
        }, duration));
    }

    /**
     * The next segment the camera closes goes bad on the card right after it was hashed: one byte
     * reads flipped, so the backend must find it corrupt. The camera checks its own copy on a corrupt
     * verdict, finds it damaged, emits {@code segment.damaged} and keeps it without uploading it again.
     */
    public void corruptNextSegment() {
        scheduler.run(journal.input("fault.corruptNextSegment", pending::corruptNextSegment));
    }

    /**
     * The next segment the backend verifies is uploaded once more before the camera purges it (as if
     * the camera lost its "uploaded" mark): the backend must keep one copy.
     */
    public void duplicateNextUpload() {
        scheduler.run(journal.input("fault.duplicateNextUpload", pending::duplicateNextUpload));
    }

    /**
     * Fills the card's free room with data that is not evidence: a recording stops with
     * {@code storage full}, new ones are refused, until {@link #releaseStorage()}.
     */
    public void fillStorage() {
        scheduler.run(journal.input("fault.fillStorage", () -> {
            storage.occupy(storage.unoccupied());
            events.emit(new FaultStorageFilled(events.deviceId(), events.time(), storage.free()));
            if (machine.mode() == Mode.RECORDING) {
                recorder.progress();
            } else if (machine.mode() != Mode.OFF) {
                flags.storage(storage);
                events.emit(new StorageFull(events.deviceId(), events.time(), storage.free()));
            }
        }));
    }

    /** Gives back the room {@link #fillStorage()} took. */
    public void releaseStorage() {
        scheduler.run(journal.input("fault.releaseStorage", () -> {
            storage.occupy(0);
            events.emit(new FaultStorageReleased(events.deviceId(), events.time(), storage.free()));
            if (machine.mode() != Mode.OFF) {
                flags.storage(storage);
            }
        }));
    }

    /**
     * Sets the battery to {@code percent} at once (an old pack, a scenario's exhaustion); the low and
     * critical warnings follow, and at 0 % the camera closes its recording and dies.
     */
    public void setBatteryLevel(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("battery level must be 0..100 %, was " + percent);
        }
        scheduler.run(journal.input("fault.setBatteryLevel", () -> {
            battery.set(percent, scheduler.now());
            events.emit(new FaultBattery(events.deviceId(), events.time(), percent));
            if (machine.mode() != Mode.OFF) {
                housekeeping.run();
            }
        }, percent));
    }
}
