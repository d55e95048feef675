package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.Boot;
import io.bodycam.sim.event.CameraError;
import io.bodycam.sim.event.FaultPowerLoss;
import io.bodycam.sim.event.Interruption;
import io.bodycam.sim.event.Reboot;
import io.bodycam.sim.event.RecordingRecovered;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;

import java.util.Optional;

/**
 * The camera's power and failure: switching on, booting (and repairing a recording a power loss cut
 * [S19, S43]), rebooting, failing into {@link Mode#ERROR}, switching off, the battery dying and the
 * power being cut. Each way down stops the camera's activities in the same order. Runs on the
 * camera's thread.
 */
public final class Lifecycle {

    /** Virtual time the firmware takes to repair an interrupted recording after a power loss [GUESS]. */
    public static final long RECOVERY_MILLIS = 5_000;

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final ModeMachine machine;
    private final EventSink events;
    private final Battery battery;
    private final EvidenceCard card;
    private final Recorder recorder;
    private final PriorityUpload priority;
    private final FirmwareUpdater firmware;
    private final Dock dock;
    private final Routines routines;
    private final TelemetryLink telemetry;
    private final Reporter reporter;
    private int boots;
    private Timer bootTimer = Timer.NONE;
    /** A recording cut by a power loss, to be recovered at the next boot. */
    private Interruption interrupted;

    public Lifecycle(CameraConfig config, Scheduler scheduler, ModeMachine machine, EventSink events, Battery battery,
                     EvidenceCard card, Recorder recorder, PriorityUpload priority, FirmwareUpdater firmware, Dock dock,
                     Routines routines, TelemetryLink telemetry, Reporter reporter) {
        this.config = config;
        this.scheduler = scheduler;
        this.machine = machine;
        this.events = events;
        this.battery = battery;
        this.card = card;
        this.recorder = recorder;
        this.priority = priority;
        this.firmware = firmware;
        this.dock = dock;
        this.routines = routines;
        this.telemetry = telemetry;
        this.reporter = reporter;
    }

    /** Times the camera was switched on. */
    public int boots() {
        return boots;
    }

    /** Boots, then buffers (or docks); an empty battery does not boot outside the dock. */
    public void powerOn() {
        if (machine.mode() != Mode.OFF || battery.empty() && !dock.inDock()) {
            return;
        }
        boots++;
        machine.enter(Mode.BOOTING);
        telemetry.start();
        bootTimer = scheduler.schedule(config.bootTime().toMillis(), this::booted);
    }

    /** Closes any recording and restarts the firmware; a docked camera docks again after boot. */
    public void reboot(String reason) {
        if (machine.mode() == Mode.OFF) {
            return;
        }
        events.emit(new Reboot(events.deviceId(), events.time(), reason));
        shutDown(StopReason.REBOOT);
        powerOn();
    }

    /**
     * An internal failure: recording, uploading and updating stop, and the camera shows an error until
     * rebooted or power-cycled [S19]; a boot or recovery under way is abandoned.
     */
    public void fail(ErrorCode code, String message) {
        if (machine.mode() == Mode.OFF || machine.mode() == Mode.ERROR) {
            return;
        }
        bootTimer.cancel();
        recorder.stop(StopReason.ERROR);
        priority.cancel(StopReason.ERROR);
        firmware.shutDown(StopReason.ERROR);
        dock.end(StopReason.ERROR);
        events.emit(new CameraError(events.deviceId(), events.time(), code, message));
        machine.enter(Mode.ERROR);
    }

    /**
     * The power dies at once: the open segment is lost (the next boot recovers the recording up to its
     * last complete segment), the Will speaks for the camera.
     */
    public void losePower() {
        if (machine.mode() == Mode.OFF) {
            return;
        }
        Optional<Interruption> cut = recorder.cut();
        cut.ifPresent(i -> interrupted = i);
        events.emit(new FaultPowerLoss(events.deviceId(), events.time(), cut.orElse(null), machine.mode()));
        shutDown(StopReason.POWER_LOSS);
    }

    /** Everything stops; an {@link StopReason#abrupt() abrupt} end says no {@code offline}. */
    public void shutDown(StopReason reason) {
        if (machine.mode() == Mode.OFF) {
            return;
        }
        recorder.stop(reason);
        priority.cancel(reason);
        firmware.shutDown(reason);
        dock.end(reason);
        bootTimer.cancel();
        bootTimer = Timer.NONE;
        routines.stop();
        if (!reason.abrupt()) {
            reporter.offline(reason);
        }
        telemetry.stop(!reason.abrupt());
        machine.enter(Mode.OFF);
    }

    private void booted() {
        events.emit(new Boot(events.deviceId(), events.time(), firmware.running(), boots,
                interrupted == null ? 0 : interrupted.segmentsKept()));
        firmware.booted();
        routines.start();
        if (interrupted != null) {
            machine.enter(Mode.RECOVERING_INTERRUPTED);
            bootTimer = scheduler.schedule(RECOVERY_MILLIS, this::recovered);
        } else {
            dock.ready();
        }
    }

    /**
     * The interrupted recording is repaired up to its last complete segment (CAST: recover "up to the
     * point at which power was lost as well as any earlier separate recording files" [S43]); the event
     * says what was kept and what was lost.
     */
    private void recovered() {
        int boot = boots;
        card.recover(check -> {
            if (boots == boot && machine.mode() == Mode.RECOVERING_INTERRUPTED) {
                events.emit(new RecordingRecovered(events.deviceId(), events.time(), interrupted, check));
                interrupted = null;
                dock.ready();
            }
        });
    }
}
