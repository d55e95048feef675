package io.bodycam.sim.camera;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.power.PowerDraw;
import io.bodycam.sim.recording.CaptureStream;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentPayload;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.video.SegmentCard;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One virtual body-worn camera: the firmware's state machine (DESIGN.md section 3) with its recorder,
 * storage, battery and GPS, speaking MQTT through a {@link TelemetryLink} and HTTP through an
 * {@link EvidenceLink}.
 *
 * <p>All state lives on the camera's {@link Scheduler} thread (its Netty event loop, or the test
 * thread under a manual clock) and is touched only there: the public methods hop onto it, so the
 * bench may call them from anywhere. Device logic reads time only from the scheduler.
 */
public final class Camera implements TelemetryHandler {

    /** Virtual time the firmware takes to repair an interrupted recording after a power loss [GUESS]. */
    static final long RECOVERY_MILLIS = 5_000;

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final EvidenceLink evidence;
    private final CameraListener listener;
    private final TelemetryLink telemetry;
    private final Reporter reporter;
    private final CommandHandler commands = new CommandHandler(this);
    private final CaptureStream stream;
    private final Storage storage;
    private final Battery battery;
    private final GpsReceiver gps;
    private final Recorder recorder;
    private final Routines routines;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private final CameraFaults faults = new CameraFaults(this);
    private final DeviceClock clock;
    private final FirmwareUpdater firmware;
    private final PriorityUpload priority;
    /** Null unless the camera films real MP4 segments (docs/video.md). */
    private final Mp4Segments mp4;

    private CameraSettings settings;
    private Mode mode = Mode.OFF;
    private DockPhase dockPhase;
    private boolean inDock;
    private long bufferingSince = -1;
    private int boots;
    private DockSession dock;
    private Timer bootTimer = Timer.NONE;
    private Timer outageTimer = Timer.NONE;
    /** A recording cut by a power loss, to be recovered at the next boot. */
    private Recorder.Interruption interrupted;

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
        this.config = config;
        this.scheduler = scheduler;
        this.evidence = evidence;
        this.listener = listener;
        this.settings = CameraSettings.of(config);
        long now = scheduler.now();
        this.clock = new DeviceClock(config.clockOffset().toMillis(), now);
        if (clock.unsynced(now)) {
            flags.add(Flag.CLOCK_UNSYNCED);
        }
        this.stream = new CaptureStream(config.seed() ^ 0x5EED5EEDL, config.payloadBytesPerSecond());
        this.storage = new Storage(config.storageCapacity(), config.storageLowThreshold());
        this.battery = new Battery(config.battery(), config.batteryStartPercent(), now);
        this.gps = new GpsReceiver(config.centreLat(), config.centreLon(), config.patrol(), config.gpsLossesPerHour(),
                config.seed() ^ 0x6E55L, now);
        this.mp4 = card == null ? null : new Mp4Segments(this, card);
        this.recorder = new Recorder(this);
        this.routines = new Routines(this);
        this.firmware = new FirmwareUpdater(this);
        this.priority = new PriorityUpload(this);
        this.telemetry = telemetry.apply(this);
        this.reporter = new Reporter(this, this.telemetry);
    }

    // ------------------------------------------------------------------ what the officer and the world do

    /**
     * Switches the camera on: it boots, then buffers (or docks, if it sits in a dock). An empty battery
     * does not boot outside the dock.
     */
    public void powerOn() {
        scheduler.run(() -> {
            if (mode != Mode.OFF || battery.empty() && !inDock) {
                return;
            }
            boots++;
            enter(Mode.BOOTING);
            telemetry.start();
            bootTimer = scheduler.schedule(config.bootTime().toMillis(), this::booted);
        });
    }

    /** Switches the camera off cleanly: closes any recording, says {@code offline}, disconnects. */
    public void powerOff() {
        scheduler.run(() -> shutDown("power off", true));
    }

    /** Starts a recording, as the officer or a sensor would; refused quietly when not possible. */
    public void trigger(Trigger trigger) {
        trigger(trigger, "uncategorized", false);
    }

    /** Starts a recording with a category; flagged ones upload first [S27]. */
    public void trigger(Trigger trigger, String category, boolean flagged) {
        scheduler.run(() -> startRecording(trigger, category, flagged));
    }

    /** Stops the recording, as a long press would. */
    public void stopRecording() {
        scheduler.run(() -> recorder.stop("button"));
    }

    /** Puts the camera in its dock: any recording stops, it charges and uploads. */
    public void dock() {
        scheduler.run(() -> {
            inDock = true;
            switch (mode) {
                case OFF -> powerOn();
                case RECORDING -> recorder.stop("docked");
                case READY_BUFFERING, SLEEP -> enterDock();
                case PRIORITY_UPLOAD -> {
                    priority.cancel("docked", true);
                    enterDock();
                }
                default -> { }
            }
        });
    }

    /** Takes the camera out of its dock: back to buffering; unfinished uploads wait for the next dock. */
    public void undock() {
        scheduler.run(() -> {
            inDock = false;
            if (mode == Mode.DOCKED) {
                firmware.undocked();
                dock.end("undocked");
                dock = null;
                dockPhase = null;
                emit("undocked", Map.of());
                startBuffering();
            }
        });
    }

    /**
     * The officer picks Priority Upload: the most recent recording goes up over LTE, is verified and
     * deleted, while the camera stays ready [S11]; refused quietly (a bench-only note) when not possible.
     */
    public void priorityUpload() {
        scheduler.run(() -> priority.start().ifPresent(why -> note("priorityUpload.refused", Map.of("reason", why))));
    }

    /** The officer cancels a priority upload [S11]: what is left waits for the dock. */
    public void cancelPriorityUpload() {
        scheduler.run(() -> priority.stop("officer"));
    }

    /** Sleep mode: the pre-event buffer is dropped [S13]. */
    public void sleep() {
        scheduler.run(() -> {
            if (mode == Mode.READY_BUFFERING) {
                bufferingSince = -1;
                enter(Mode.SLEEP);
            }
        });
    }

    /** Out of sleep mode: buffering starts again from now. */
    public void wake() {
        scheduler.run(() -> {
            if (mode == Mode.SLEEP) {
                startBuffering();
            }
        });
    }

    /** Closes any recording and restarts the firmware; a docked camera docks again after boot. */
    public void reboot(String reason) {
        scheduler.run(() -> {
            if (mode == Mode.OFF) {
                return;
            }
            emit("reboot", Map.of("reason", reason));
            shutDown("reboot", true);
            powerOn();
        });
    }

    /** An internal failure: the camera stops recording and shows an error until rebooted [S19]. */
    public void fail(String code, String message) {
        scheduler.run(() -> {
            if (mode == Mode.OFF || mode == Mode.ERROR) {
                return;
            }
            recorder.stop("error");
            priority.cancel("error", true);
            endDock("error");
            emit("error", Map.of("code", code, "message", message));
            enter(Mode.ERROR);
        });
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
        scheduler.run(() -> f.complete(new CameraSnapshot(config.deviceId(), mode, dockPhase, EnumSet.copyOf(flags),
                battery.percent(), storage.used(), storage.free(), storage.queue(), recorder.currentId(),
                telemetry.connected(), boots, settings, storage.held(), firmware.running(), firmware.pendingVersion(),
                mp4 == null ? 0 : mp4.writing())));
        return f;
    }

    public String deviceId() {
        return config.deviceId();
    }

    public CameraConfig config() {
        return config;
    }

    public Scheduler scheduler() {
        return scheduler;
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
        reporter.state();
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), "link.up", Map.of()));
    }

    @Override
    public void linkDown(String reason) {
        reporter.willSpent();
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), "link.down", Map.of("reason", reason)));
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

    // ------------------------------------------------------------------ package-private: recorder, dock, commands

    Optional<String> startRecording(Trigger trigger, String category, boolean flagged) {
        switch (mode) {
            case RECORDING:
                return Optional.of("already recording " + recorder.currentId());
            case DOCKED:
                return Optional.of("docked: recording is off in the dock");
            case SLEEP:
                if (!trigger.wakesFromSleep()) {
                    return Optional.of("asleep: " + trigger.wireName() + " triggers are ignored in sleep mode");
                }
                break;
            case READY_BUFFERING:
                break;
            case PRIORITY_UPLOAD:
                priority.cancel("recording started", true);
                break;
            default:
                return Optional.of("not ready: camera is " + mode);
        }
        if (storage.full()) {
            flag(Flag.STORAGE_FULL, true);
            emit("storage.full", Map.of("freeBytes", storage.free()));
            return Optional.of("storage full");
        }
        long now = scheduler.now();
        boolean buffering = mode == Mode.READY_BUFFERING || mode == Mode.PRIORITY_UPLOAD;
        long buffered = buffering && bufferingSince >= 0 ? now - bufferingSince : 0;
        long preEvent = Math.min(settings.preEvent().toMillis(), buffered);
        bufferingSince = -1;
        recorder.start(trigger, category, flagged, preEvent);
        return Optional.empty();
    }

    Optional<String> stopRecordingByCommand() {
        if (mode != Mode.RECORDING) {
            return Optional.of("not recording");
        }
        recorder.stop("command");
        return Optional.empty();
    }

    /** Applies backend settings all-or-nothing; the error says why nothing was applied. */
    Optional<String> applySettings(Map<String, String> changes, String source) {
        try {
            settings = settings.with(changes);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("keys", String.join(",", changes.keySet()));
        emit("config.applied", fields);
        routines.settingsChanged();
        return Optional.empty();
    }

    /** Called by the recorder when a recording opens or closes. */
    void recordingStarted() {
        enter(Mode.RECORDING);
    }

    void recordingEnded(String reason) {
        switch (reason) {
            case "power off", "reboot", "battery", "error" -> { }
            case "docked" -> enterDock();
            default -> {
                if (inDock) {
                    enterDock();
                } else {
                    startBuffering();
                }
            }
        }
    }

    PriorityUpload priority() {
        return priority;
    }

    FirmwareUpdater firmware() {
        return firmware;
    }

    /** Docked, the dock session idle, and no evidence waiting for upload: when firmware may come in. */
    boolean dockIdle() {
        return mode == Mode.DOCKED && dockPhase == DockPhase.IDLE && storage.queuedSegments() == storage.held().size();
    }

    void timeSynced(io.bodycam.sim.upload.TimeSample sample) {
        long estimate = sample.serverEpochMillis() + sample.roundTripMillis() / 2;
        long correction = clock.sync(estimate, scheduler.now());
        flag(Flag.CLOCK_UNSYNCED, false);
        emit("time.synced", Map.of("offsetMs", correction));
    }

    void dockPhase(DockPhase phase) {
        if (phase != dockPhase) {
            dockPhase = phase;
            publishState();
        }
    }

    void purge(SegmentManifest s) {
        storage.purge(s.segmentId());
        if (mp4 != null) {
            mp4.purged(s);
        }
        emit("segment.purged", Map.of("segmentId", s.segmentId()));
        refreshStorageFlags();
    }

    void emit(String type, Map<String, Object> fields) {
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), type, fields));
        reporter.event(type, fields);
    }

    /** Tells the bench only (an injected fault): nothing is published. */
    void note(String type, Map<String, Object> fields) {
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), type, fields));
    }

    void onThread(Runnable r) {
        scheduler.run(r);
    }

    void publishGps() {
        GpsFix f = gps.fixAt(scheduler.now());
        flag(Flag.NO_GPS_FIX, !f.fix());
        reporter.gps(f);
    }

    EvidenceLink evidence() {
        return evidence;
    }

    Storage storage() {
        return storage;
    }

    CaptureStream stream() {
        return stream;
    }

    Battery battery() {
        return battery;
    }

    Mode mode() {
        return mode;
    }

    SegmentSource payload(SegmentManifest s) {
        return mp4 != null ? mp4.source(s, storage.damaged(s.segmentId()))
                : new SegmentPayload(stream, s, storage.damaged(s.segmentId()));
    }

    Mp4Segments mp4() {
        return mp4;
    }

    /**
     * The SHA-256 of the camera's stored copy as it reads now, for {@code then} on the camera's thread:
     * regenerated at once for a synthetic copy, read from the card on the video workers for an mp4 file.
     */
    void ownCopySha256(SegmentManifest s, BiConsumer<String, Throwable> then) {
        if (mp4 != null) {
            mp4.sha256(s, storage.damaged(s.segmentId()), then);
        } else {
            then.accept(payload(s).sha256(), null);
        }
    }

    /** A segment file was written (or failed): a docked camera looks at its queue again. */
    void segmentFileDone() {
        if (dock != null) {
            dock.segmentReady();
        }
    }

    CameraSettings settings() {
        return settings;
    }

    DockPhase dockPhase() {
        return dockPhase;
    }

    Set<Flag> flags() {
        return flags;
    }

    Recorder recorder() {
        return recorder;
    }

    Routines routines() {
        return routines;
    }

    GpsReceiver gps() {
        return gps;
    }

    DeviceClock clock() {
        return clock;
    }

    long clockOffset() {
        return clock.offset(scheduler.now());
    }

    long deviceTime() {
        return clock.time(scheduler.now());
    }

    void checkClock() {
        flag(Flag.CLOCK_UNSYNCED, clock.unsynced(scheduler.now()));
    }

    void flag(Flag f, boolean on) {
        if (on ? flags.add(f) : flags.remove(f)) {
            publishState();
        }
    }

    void refreshStorageFlags() {
        flag(Flag.STORAGE_LOW, storage.low());
        flag(Flag.STORAGE_FULL, storage.full());
    }

    // ------------------------------------------------------------------ private: modes and timers

    private void booted() {
        emit("boot", Map.of("firmware", firmware.running(), "boots", boots,
                "recovered", interrupted == null ? 0 : interrupted.segmentsKept()));
        firmware.booted();
        routines.start();
        if (interrupted != null) {
            enter(Mode.RECOVERING_INTERRUPTED);
            bootTimer = scheduler.schedule(RECOVERY_MILLIS, this::recovered);
        } else {
            ready();
        }
    }

    /**
     * The interrupted recording is repaired up to its last complete segment (CAST: recover "up to the
     * point at which power was lost as well as any earlier separate recording files" [S43]); the event
     * says what was kept and what was lost.
     */
    private void recovered() {
        if (mp4 == null) {
            finishRecovery(interrupted.fields());
            return;
        }
        int boot = boots;
        mp4.recover(interrupted.fields(), fields -> {
            if (boots == boot && mode == Mode.RECOVERING_INTERRUPTED) {
                finishRecovery(fields);
            }
        });
    }

    private void finishRecovery(Map<String, Object> fields) {
        emit("recording.recovered", fields);
        interrupted = null;
        ready();
    }

    private void ready() {
        if (inDock) {
            enterDock();
        } else {
            startBuffering();
        }
    }

    // ------------------------------------------------------------------ package-private: injected faults

    void losePower() {
        if (mode == Mode.OFF) {
            return;
        }
        Optional<Recorder.Interruption> cut = recorder.cut();
        cut.ifPresent(i -> interrupted = i);
        Map<String, Object> fields = new LinkedHashMap<>(cut.map(Recorder.Interruption::fields).orElse(Map.of()));
        fields.put("mode", mode.name());
        note("fault.powerLoss", fields);
        shutDown("power loss", false);
    }

    private void startBuffering() {
        bufferingSince = scheduler.now();
        enter(Mode.READY_BUFFERING);
    }

    private void enterDock() {
        bufferingSince = -1;
        dockPhase = null;
        enter(Mode.DOCKED);
        emit("docked", Map.of());
        dock = new DockSession(this);
        dock.start();
    }

    private void endDock(String reason) {
        if (dock != null) {
            dock.end(reason);
            dock = null;
        }
        dockPhase = null;
    }

    /**
     * An LTE outage: the radio drops without a goodbye (the broker publishes the Will) and comes back
     * after {@code millis}; QoS 1 messages wait in the client meanwhile.
     */
    void dropLink(long millis) {
        if (mode == Mode.OFF || !telemetry.connected()) {
            return;
        }
        telemetry.stop(false);
        reporter.willSpent();
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), "lte.outage", Map.of("millis", millis)));
        outageTimer = scheduler.schedule(millis, () -> {
            if (mode != Mode.OFF) {
                telemetry.start();
            }
        });
    }

    void shutDown(String reason, boolean graceful) {
        if (mode == Mode.OFF) {
            return;
        }
        outageTimer.cancel();
        recorder.stop(reason);
        priority.cancel(reason, graceful);
        firmware.shutDown(reason);
        endDock(reason);
        bootTimer.cancel();
        bootTimer = Timer.NONE;
        routines.stop();
        if (graceful) {
            reporter.offline(reason);
        }
        telemetry.stop(graceful);
        bufferingSince = -1;
        enter(Mode.OFF);
    }

    /** Changes mode; the pre-event buffer is left as it is (a priority upload keeps it running). */
    void enter(Mode next) {
        long now = scheduler.now();
        Mode previous = mode;
        mode = next;
        if (next != Mode.DOCKED) {
            dockPhase = null;
        }
        battery.update(now, draw(next));
        listener.onEvent(new CameraEvent(deviceId(), now, "mode", Map.of("from", previous.name(), "to", next.name())));
        publishState();
        routines.modeChanged(previous != next && next == Mode.RECORDING);
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
    void publishState() {
        if (telemetry.connected()) {
            reporter.state();
        }
    }
}
