package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.camera.internal.CommandHandler;
import io.bodycam.sim.camera.internal.DeviceClock;
import io.bodycam.sim.camera.internal.Dock;
import io.bodycam.sim.camera.internal.EventSink;
import io.bodycam.sim.camera.internal.EvidenceCard;
import io.bodycam.sim.camera.internal.FirmwareUpdater;
import io.bodycam.sim.camera.internal.Flags;
import io.bodycam.sim.camera.internal.Housekeeping;
import io.bodycam.sim.camera.internal.Lifecycle;
import io.bodycam.sim.camera.internal.LiveSettings;
import io.bodycam.sim.camera.internal.ModeMachine;
import io.bodycam.sim.camera.internal.Mp4Segments;
import io.bodycam.sim.camera.internal.NetworkGate;
import io.bodycam.sim.camera.internal.PendingFaults;
import io.bodycam.sim.camera.internal.PriorityUpload;
import io.bodycam.sim.camera.internal.Recorder;
import io.bodycam.sim.camera.internal.Reporter;
import io.bodycam.sim.camera.internal.Routines;
import io.bodycam.sim.camera.internal.StateReport;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.LinkDown;
import io.bodycam.sim.event.LinkUp;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.PriorityUploadRefused;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.power.PowerDraw;
import io.bodycam.sim.recording.CaptureStream;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.video.SegmentCard;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One virtual body-worn camera: the firmware's state machine (docs/design.md#camera) with its recorder,
 * storage, battery and GPS, speaking MQTT through a {@link TelemetryLink} and HTTP through an
 * {@link EvidenceLink}. Its modes change only through one transition table (the internal
 * {@code ModeMachine}); this class wires the firmware's parts and powers them up and down.
 *
 * <p>All state lives on the camera's {@link Scheduler} thread (its Netty event loop, or the test
 * thread under a manual clock) and is touched only there: the public methods hop onto it, so the
 * bench may call them from anywhere. Device logic reads time only from the scheduler.
 */
public final class Camera implements TelemetryHandler {

    private final CameraConfig config;
    private final Scheduler scheduler;
    /** The scheduler as the camera was given it: the bench's actions and officers run on it. */
    private final Scheduler outside;
    private final InputJournal journal;
    private final CameraListener listener;
    private final DeviceClock clock;
    private final Flags flags;
    private final EventSink events = new Events();
    private final ModeMachine machine = new ModeMachine(this::modeChanged, phase -> publishState());
    private final CaptureStream stream;
    private final Storage storage;
    private final Battery battery;
    private final GpsReceiver gps;
    private final LiveSettings settings;
    private final EvidenceCard card;
    private final FirmwareUpdater firmware;
    private final Dock dock;
    private final PriorityUpload priority;
    private final Recorder recorder;
    private final Routines routines;
    private final Lifecycle lifecycle;
    private final TelemetryLink telemetry;
    private final Reporter reporter;
    private final CommandHandler commands;
    private final CameraFaults faults;

    public Camera(CameraConfig config, Scheduler scheduler, Function<TelemetryHandler, TelemetryLink> telemetry,
                  EvidenceLink evidence, CameraListener listener) {
        this(config, scheduler, telemetry, evidence, listener, null);
    }

    /**
     * A camera that films real MP4 segments onto {@code card} (docs/video.md); with a null card it
     * records synthetic payloads like the other constructor.
     */
    public Camera(CameraConfig config, Scheduler scheduler, Function<TelemetryHandler, TelemetryLink> telemetry,
                  EvidenceLink evidence, CameraListener listener, SegmentCard card) {
        this(config, scheduler, telemetry, evidence, listener, card, UploadSlots.UNLIMITED);
    }

    /** As above, docking at a site whose upload connections its cameras share ({@code slots}). */
    public Camera(CameraConfig config, Scheduler scheduler, Function<TelemetryHandler, TelemetryLink> telemetry,
                  EvidenceLink evidence, CameraListener listener, SegmentCard card, UploadSlots slots) {
        this(config, scheduler, telemetry, evidence, listener, card, slots, InputJournal.NONE);
    }

    /**
     * As above, with every input the camera receives going through {@code journal} (an {@code InputRecorder}
     * writes them down so that the camera can be played again alone, docs/reproduce.md#replaying-a-real-run).
     */
    public Camera(CameraConfig config, Scheduler scheduler, Function<TelemetryHandler, TelemetryLink> telemetry,
                  EvidenceLink evidence, CameraListener listener, SegmentCard card, UploadSlots slots,
                  InputJournal journal) {
        this.config = config;
        this.outside = scheduler;
        this.journal = journal;
        scheduler = journal.scheduler(scheduler);
        this.scheduler = scheduler;
        evidence = journal.evidence(evidence);
        slots = journal.slots(slots);
        NetworkGate network = new NetworkGate(evidence, scheduler);
        this.listener = listener;
        long now = scheduler.now();
        this.clock = new DeviceClock(config.clockOffset().toMillis(), now);
        this.flags = new Flags(clock.unsynced(now) ? EnumSet.of(Flag.CLOCK_UNSYNCED) : EnumSet.noneOf(Flag.class),
                this::publishState);
        this.stream = new CaptureStream(config.seed() ^ 0x5EED5EEDL, config.payloadBytesPerSecond());
        this.storage = new Storage(config.storageCapacity(), config.storageLowThreshold());
        this.battery = new Battery(config.battery(), config.batteryStartPercent(), now);
        this.gps = new GpsReceiver(config.centreLat(), config.centreLon(), config.patrol(), config.gpsLossesPerHour(),
                config.seed() ^ 0x6E55L, now);
        this.settings = new LiveSettings(CameraSettings.of(config), events, this::settingsChanged);
        Mp4Segments mp4 = card == null ? null : new Mp4Segments(card, config, scheduler, gps, events, this::segmentFileDone);
        this.card = new EvidenceCard(storage, stream, mp4, flags, events);
        PendingFaults pending = new PendingFaults(storage, events);
        this.firmware = new FirmwareUpdater(config, scheduler, machine, network, events, this::deviceTime, this.card,
                this::reboot);
        this.telemetry = journal.telemetry(telemetry.apply(journal.handler(this)));
        this.reporter = new Reporter(config.deviceId(), this.telemetry, this::deviceTime, firmware::running);
        this.dock = new Dock(scheduler, machine, network, events, storage, this.card, pending, settings, firmware, clock,
                flags, config.uploadRetryDelay(), slots);
        this.priority = new PriorityUpload(machine, scheduler, storage, network, this.card, events);
        this.recorder = new Recorder(config, scheduler, machine, storage, flags, events, this.card, pending, settings,
                priority, reason -> {
                    if (!reason.halts()) {
                        dock.ready();
                    }
                });
        Housekeeping housekeeping = new Housekeeping(scheduler, battery, recorder, storage, clock, flags, events,
                this::batteryEmpty);
        this.routines = new Routines(config, scheduler, machine, settings, this.telemetry, reporter, events,
                this::publishGps, this::publishState, housekeeping);
        this.lifecycle = new Lifecycle(config, scheduler, machine, events, battery, this.card, recorder, priority, firmware,
                dock, routines, this.telemetry, reporter);
        this.commands = new CommandHandler(recorder, priority, firmware, settings, this::publishGps, this::reboot);
        this.faults = new CameraFaults(scheduler, journal, machine, events, flags, clock, gps, storage, battery, recorder,
                pending, lifecycle::losePower, housekeeping, millis -> routines.loseLink(millis, network::pull));
        journal.built();
    }

    // ------------------------------------------------------------------ what the officer and the world do

    /**
     * Switches the camera on: it boots, then buffers (or docks, if it sits in a dock). An empty battery
     * does not boot outside the dock.
     */
    public void powerOn() {
        scheduler.run(journal.input("powerOn", lifecycle::powerOn));
    }

    /** Switches the camera off cleanly: closes any recording, says {@code offline}, disconnects. */
    public void powerOff() {
        scheduler.run(journal.input("powerOff", () -> lifecycle.shutDown(StopReason.POWER_OFF)));
    }

    /** Starts a recording, as the officer or a sensor would; refused quietly when not possible. */
    public void trigger(Trigger trigger) {
        trigger(trigger, "uncategorized", false);
    }

    /** Starts a recording with a category; flagged ones upload first [S27]. */
    public void trigger(Trigger trigger, String category, boolean flagged) {
        scheduler.run(journal.input("trigger", () -> recorder.start(trigger, category, flagged), trigger, category, flagged));
    }

    /** Stops the recording, as a long press would. */
    public void stopRecording() {
        scheduler.run(journal.input("stopRecording", () -> recorder.stop(StopReason.BUTTON)));
    }

    /** Puts the camera in its dock: any recording stops, it charges and uploads. */
    public void dock() {
        scheduler.run(journal.input("dock", () -> {
            dock.placed();
            switch (machine.mode()) {
                case OFF -> lifecycle.powerOn();
                case RECORDING -> recorder.stop(StopReason.DOCKED);
                case READY_BUFFERING, SLEEP -> dock.enter();
                case PRIORITY_UPLOAD -> {
                    priority.cancel(StopReason.DOCKED);
                    dock.enter();
                }
                default -> { }
            }
        }));
    }

    /** Takes the camera out of its dock: back to buffering; unfinished uploads wait for the next dock. */
    public void undock() {
        scheduler.run(journal.input("undock", dock::undock));
    }

    /**
     * The officer picks Priority Upload: the most recent recording goes up over LTE, is verified and
     * deleted, while the camera stays ready [S11]; refused quietly (a bench-only note) when not possible.
     */
    public void priorityUpload() {
        scheduler.run(journal.input("priorityUpload", () -> priority.start()
                .ifPresent(why -> events.emit(new PriorityUploadRefused(config.deviceId(), scheduler.now(), why)))));
    }

    /** The officer cancels a priority upload [S11]: what is left waits for the dock. */
    public void cancelPriorityUpload() {
        scheduler.run(journal.input("cancelPriorityUpload", () -> priority.stop(StopReason.OFFICER)));
    }

    /** Sleep mode: the pre-event buffer is dropped [S13]. */
    public void sleep() {
        scheduler.run(journal.input("sleep", () -> {
            if (machine.mode() == Mode.READY_BUFFERING) {
                machine.enter(Mode.SLEEP);
            }
        }));
    }

    /** Out of sleep mode: buffering starts again from now. */
    public void wake() {
        scheduler.run(journal.input("wake", () -> {
            if (machine.mode() == Mode.SLEEP) {
                machine.enter(Mode.READY_BUFFERING);
            }
        }));
    }

    /** Closes any recording and restarts the firmware; a docked camera docks again after boot. */
    public void reboot(String reason) {
        scheduler.run(journal.input("reboot", () -> lifecycle.reboot(reason), reason));
    }

    /**
     * An internal failure: the camera stops recording, uploading and updating, and shows an error until
     * rebooted or power-cycled [S19]; a boot or recovery under way is abandoned.
     */
    public void fail(ErrorCode code, String message) {
        scheduler.run(journal.input("fail", () -> lifecycle.fail(code, message), code, message));
    }

    /** Where the camera is now. Call it on the camera's thread (a timeline action running there). */
    public GpsFix position() {
        if (!scheduler.inThread()) {
            throw new IllegalStateException("position() runs on the camera's thread; use snapshot() elsewhere");
        }
        return gps.fixAt(scheduler.now());
    }

    /** A consistent copy of the camera's state, taken on its thread. */
    public CompletableFuture<CameraSnapshot> snapshot() {
        CompletableFuture<CameraSnapshot> f = new CompletableFuture<>();
        scheduler.run(() -> f.complete(new CameraSnapshot(config.deviceId(), machine.mode(), machine.dockPhase(),
                flags.copy(), battery.percent(), storage.used(), storage.free(), storage.queue(), recorder.currentId(),
                telemetry.connected(), lifecycle.boots(), settings.current(), storage.held(), firmware.running(),
                firmware.pendingVersion(), card.writing())));
        return f;
    }

    public String deviceId() {
        return config.deviceId();
    }

    public CameraConfig config() {
        return config;
    }

    /** The camera's thread and clock, for the bench's actions and officers (what they do to it is an input). */
    public Scheduler scheduler() {
        return outside;
    }

    /** The faults a scenario can inject into this camera (power loss, clock skew, corrupt segment ...). */
    public CameraFaults faults() {
        return faults;
    }

    // ------------------------------------------------------------------ TelemetryHandler

    @Override
    public byte[] willPayload() {
        return reporter.will();
    }

    @Override
    public void linkUp() {
        reporter.online();
        reporter.state(stateReport());
        events.emit(new LinkUp(config.deviceId(), scheduler.now()));
    }

    @Override
    public void linkDown(String reason) {
        reporter.willSpent();
        events.emit(new LinkDown(config.deviceId(), scheduler.now(), reason));
    }

    @Override
    public void command(byte[] payload) {
        CommandHandler.Ack ack = commands.handle(payload);
        reporter.ack(ack);
        if (ack.after() != null) {
            // after this delivery returns: its PUBACK goes out first, or a reboot's disconnect would leave
            // the command unacknowledged and the broker would deliver it again at every reconnect
            scheduler.execute(ack.after());
        }
    }

    // ------------------------------------------------------------------ for tests in this package

    CaptureStream stream() {
        return stream;
    }

    SegmentSource payload(SegmentManifest s) {
        return card.payload(s);
    }

    // ------------------------------------------------------------------ links between the parts

    private void settingsChanged() {
        routines.settingsChanged();
    }

    private void segmentFileDone() {
        dock.segmentReady();
    }

    private void batteryEmpty() {
        lifecycle.shutDown(StopReason.BATTERY);
    }

    // ------------------------------------------------------------------ what every mode change brings

    private void modeChanged(Mode from, Mode to) {
        long now = scheduler.now();
        recorder.modeChanged(from, to);
        battery.update(now, draw(to));
        events.emit(new ModeChanged(config.deviceId(), now, from, to));
        publishState();
        routines.modeChanged(to == Mode.RECORDING);
    }

    private static PowerDraw draw(Mode m) {
        return switch (m) {
            case OFF -> PowerDraw.NONE;
            case SLEEP -> PowerDraw.SLEEP;
            // a priority upload keeps the LTE radio sending: about a recording's draw [GUESS]
            case RECORDING, PRIORITY_UPLOAD -> PowerDraw.RECORDING;
            case DOCKED -> PowerDraw.CHARGING;
            default -> PowerDraw.IDLE;
        };
    }

    /**
     * Reports {@code state} when connected. A state is a latest value (retained), so none is queued
     * while offline: the camera reports its current state on every CONNACK instead.
     */
    private void publishState() {
        if (telemetry.connected()) {
            reporter.state(stateReport());
        }
    }

    private StateReport stateReport() {
        return new StateReport(machine.mode(), machine.dockPhase(), flags.copy(), battery.percent(), battery.charging(),
                storage.capacity(), storage.used(), storage.free(), storage.queuedSegments(), storage.queuedBytes(),
                recorder.currentId(), recorder.currentSince(), firmware.running(), clock.offset(scheduler.now()),
                config.officer());
    }

    private void publishGps() {
        GpsFix f = gps.fixAt(scheduler.now());
        flags.set(Flag.NO_GPS_FIX, !f.fix());
        reporter.gps(f);
    }

    /** The camera's clock when the running task was due: what its messages carry as {@code ts}. */
    private long deviceTime() {
        return clock.time(scheduler.due());
    }

    /** The bench hears every event; the backend the published ones. */
    private final class Events implements EventSink {

        @Override
        public void emit(CameraEvent event) {
            listener.onEvent(event);
            if (event.published()) {
                reporter.event(event);
            }
        }

        @Override
        public String deviceId() {
            return config.deviceId();
        }

        @Override
        public long time() {
            return scheduler.now();
        }
    }
}
