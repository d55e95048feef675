package io.bodycam.sim.camera;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.power.PowerDraw;
import io.bodycam.sim.recording.CaptureStream;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentPayload;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    /** Battery, storage flags and recorder progress are brought up to date this often (virtual). */
    static final long HOUSEKEEPING_MILLIS = 10_000;

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final EvidenceLink evidence;
    private final CameraListener listener;
    private final TelemetryLink telemetry;
    private final Payloads payloads;
    private final CommandHandler commands = new CommandHandler(this);
    private final CaptureStream stream;
    private final Storage storage;
    private final Battery battery;
    private final GpsReceiver gps;
    private final Recorder recorder;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);

    private CameraSettings settings;
    /** Status seq numbers for the next session: {@code online} gets it, the Last Will the one after. */
    private long statusSeqReserved = -1;
    /** The Will's seq of the current session: a clean {@code offline} reuses it, as the Will then never fires. */
    private long willSeq = -1;
    private Mode mode = Mode.OFF;
    private DockPhase dockPhase;
    private boolean inDock;
    private long bufferingSince = -1;
    private long clockOffset;
    private int boots;
    private DockSession dock;
    private Timer bootTimer = Timer.NONE;
    private Timer heartbeatTimer = Timer.NONE;
    private Timer gpsTimer = Timer.NONE;
    private Timer housekeepingTimer = Timer.NONE;

    public Camera(CameraConfig config, Scheduler scheduler, Function<TelemetryHandler, TelemetryLink> telemetry,
                  EvidenceLink evidence, CameraListener listener) {
        this.config = config;
        this.scheduler = scheduler;
        this.evidence = evidence;
        this.listener = listener;
        this.payloads = new Payloads(config.deviceId());
        this.settings = CameraSettings.of(config);
        this.clockOffset = config.clockOffset().toMillis();
        if (clockOffset != 0) {
            flags.add(Flag.CLOCK_UNSYNCED);
        }
        long now = scheduler.now();
        this.stream = new CaptureStream(config.seed() ^ 0x5EED5EEDL, config.payloadBytesPerSecond());
        this.storage = new Storage(config.storageCapacity(), config.storageLowThreshold());
        this.battery = new Battery(config.battery(), config.batteryStartPercent(), now);
        this.gps = new GpsReceiver(config.centreLat(), config.centreLon(), config.patrol(), config.gpsLossesPerHour(),
                config.seed() ^ 0x6E55L, now);
        this.recorder = new Recorder(this);
        this.telemetry = telemetry.apply(this);
    }

    // ------------------------------------------------------------------ what the officer and the world do

    /** Switches the camera on: it boots, then buffers (or docks, if it sits in a dock). */
    public void powerOn() {
        scheduler.run(() -> {
            if (mode != Mode.OFF) {
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
                default -> { }
            }
        });
    }

    /** Takes the camera out of its dock: back to buffering; unfinished uploads wait for the next dock. */
    public void undock() {
        scheduler.run(() -> {
            inDock = false;
            if (mode == Mode.DOCKED) {
                dock.end();
                dock = null;
                dockPhase = null;
                emit("undocked", Map.of());
                startBuffering();
            }
        });
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
            endDock();
            emit("error", Map.of("code", code, "message", message));
            enter(Mode.ERROR);
        });
    }

    /** A consistent copy of the camera's state, taken on its thread. */
    public CompletableFuture<CameraSnapshot> snapshot() {
        CompletableFuture<CameraSnapshot> f = new CompletableFuture<>();
        scheduler.run(() -> f.complete(new CameraSnapshot(config.deviceId(), mode, dockPhase, EnumSet.copyOf(flagsOrEmpty()),
                battery.percent(), storage.used(), storage.free(), storage.queue(), recorder.currentId(),
                telemetry.connected(), boots, settings)));
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

    // ------------------------------------------------------------------ TelemetryHandler

    /**
     * The {@code offline} Will for the next CONNECT. Its seq is reserved together with the
     * {@code online} that follows the CONNACK (online n, Will n+1), so the backend sees no gap whether
     * the Will fires or the camera says {@code offline} itself; a failed attempt keeps the reservation.
     */
    @Override
    public byte[] willPayload() {
        if (statusSeqReserved < 0) {
            statusSeqReserved = payloads.reserve(Topic.STATUS, 2);
        }
        return statusPayload("offline", "connection lost", statusSeqReserved + 1);
    }

    @Override
    public void linkUp() {
        long online = statusSeqReserved >= 0 ? statusSeqReserved : payloads.reserve(Topic.STATUS, 2);
        statusSeqReserved = -1;
        willSeq = online + 1;
        telemetry.publish(Topic.STATUS, statusPayload("online", null, online));
        publishState();
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), "link.up", Map.of()));
    }

    @Override
    public void linkDown(String reason) {
        willSeq = -1;
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), "link.down", Map.of("reason", reason)));
    }

    @Override
    public void command(byte[] payload) {
        CommandHandler.Ack ack = commands.handle(payload);
        ObjectNode n = payloads.message(Topic.CMD_ACK, deviceTime());
        n.put("id", ack.id());
        n.put("ok", ack.ok());
        n.put("error", ack.error());
        telemetry.publish(Topic.CMD_ACK, Payloads.bytes(n));
        if (ack.after() != null) {
            ack.after().run();
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
            default:
                return Optional.of("not ready: camera is " + mode);
        }
        if (storage.full()) {
            flag(Flag.STORAGE_FULL, true);
            emit("storage.full", Map.of("freeBytes", storage.free()));
            return Optional.of("storage full");
        }
        long now = scheduler.now();
        long buffered = mode == Mode.READY_BUFFERING && bufferingSince >= 0 ? now - bufferingSince : 0;
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
        heartbeatTimer.cancel();
        scheduleHeartbeat();
        scheduleGps(false);
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

    void timeSynced(io.bodycam.sim.upload.TimeSample sample) {
        long estimate = sample.serverEpochMillis() + sample.roundTripMillis() / 2;
        long correction = estimate - deviceTime();
        clockOffset += correction;
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
        emit("segment.purged", Map.of("segmentId", s.segmentId()));
        refreshStorageFlags();
    }

    void emit(String type, Map<String, Object> fields) {
        listener.onEvent(new CameraEvent(deviceId(), scheduler.now(), type, fields));
        ObjectNode n = payloads.message(Topic.EVENTS, deviceTime());
        n.put("type", type);
        fields.forEach((k, v) -> n.set(k, Payloads.JSON.valueToTree(v)));
        telemetry.publish(Topic.EVENTS, Payloads.bytes(n));
    }

    void onThread(Runnable r) {
        scheduler.run(r);
    }

    void publishGps() {
        GpsFix f = gps.fixAt(scheduler.now());
        flag(Flag.NO_GPS_FIX, !f.fix());
        ObjectNode n = payloads.message(Topic.GPS, deviceTime());
        n.put("fix", f.fix() ? "3d" : "none");
        n.put("lat", f.lat());
        n.put("lon", f.lon());
        n.put("alt", Math.round(f.alt() * 10) / 10.0);
        n.put("speed", Math.round(f.speed() * 10) / 10.0);
        n.put("heading", Math.round(f.heading()));
        n.put("hdop", Math.round(f.hdop() * 10) / 10.0);
        n.put("satellites", f.satellites());
        telemetry.publish(Topic.GPS, Payloads.bytes(n));
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

    SegmentPayload payload(SegmentManifest s) {
        return new SegmentPayload(stream, s);
    }

    long deviceTime() {
        return scheduler.now() + clockOffset;
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
        emit("boot", Map.of("firmware", config.firmware(), "boots", boots));
        scheduleHeartbeat();
        housekeepingTimer = scheduler.schedule(HOUSEKEEPING_MILLIS, this::housekeeping);
        if (inDock) {
            enterDock();
        } else {
            startBuffering();
        }
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

    private void endDock() {
        if (dock != null) {
            dock.end();
            dock = null;
        }
        dockPhase = null;
    }

    private void shutDown(String reason, boolean graceful) {
        if (mode == Mode.OFF) {
            return;
        }
        recorder.stop(reason);
        endDock();
        bootTimer.cancel();
        heartbeatTimer.cancel();
        gpsTimer.cancel();
        housekeepingTimer.cancel();
        if (graceful && willSeq >= 0) {
            telemetry.publish(Topic.STATUS, statusPayload("offline", reason, willSeq));
            willSeq = -1;
        }
        telemetry.stop(graceful);
        bufferingSince = -1;
        enter(Mode.OFF);
    }

    private void enter(Mode next) {
        long now = scheduler.now();
        Mode previous = mode;
        mode = next;
        if (next != Mode.DOCKED) {
            dockPhase = null;
        }
        battery.update(now, draw(next));
        listener.onEvent(new CameraEvent(deviceId(), now, "mode", Map.of("from", previous.name(), "to", next.name())));
        publishState();
        scheduleGps(previous != next && next == Mode.RECORDING);
    }

    private static PowerDraw draw(Mode m) {
        return switch (m) {
            case OFF -> PowerDraw.NONE;
            case SLEEP -> PowerDraw.SLEEP;
            case RECORDING -> PowerDraw.RECORDING;
            case DOCKED -> PowerDraw.CHARGING;
            default -> PowerDraw.IDLE;
        };
    }

    /** GPS cadence follows the mode: 10 s recording, 15 min otherwise [S4]; none docked or off. */
    private void scheduleGps(boolean publishNow) {
        gpsTimer.cancel();
        long interval = switch (mode) {
            case RECORDING -> settings.gpsIntervalRecording().toMillis();
            case READY_BUFFERING, SLEEP -> settings.gpsIntervalIdle().toMillis();
            default -> -1;
        };
        if (interval < 0) {
            gpsTimer = Timer.NONE;
            return;
        }
        if (publishNow) {
            publishGps();
        }
        gpsTimer = scheduler.schedule(interval, () -> {
            publishGps();
            scheduleGps(false);
        });
    }

    private void scheduleHeartbeat() {
        if (mode == Mode.OFF) {
            return;
        }
        heartbeatTimer = scheduler.schedule(settings.heartbeat().toMillis(), () -> {
            publishState();
            scheduleHeartbeat();
        });
    }

    private void housekeeping() {
        long now = scheduler.now();
        battery.update(now);
        recorder.progress(now);
        refreshStorageFlags();
        boolean wasLow = flags.contains(Flag.LOW_BATTERY);
        boolean wasCritical = flags.contains(Flag.CRITICAL_BATTERY);
        flag(Flag.LOW_BATTERY, battery.low());
        flag(Flag.CRITICAL_BATTERY, battery.critical());
        if (battery.low() && !wasLow) {
            emit("battery.low", Map.of("pct", Math.round(battery.percent() * 10) / 10.0));
        }
        if (battery.critical() && !wasCritical) {
            emit("battery.critical", Map.of("pct", Math.round(battery.percent() * 10) / 10.0));
        }
        if (battery.empty()) {
            shutDown("battery", false);
            return;
        }
        housekeepingTimer = scheduler.schedule(HOUSEKEEPING_MILLIS, this::housekeeping);
    }

    private void publishState() {
        if (mode == Mode.OFF && !telemetry.connected()) {
            return;
        }
        ObjectNode n = payloads.message(Topic.STATE, deviceTime());
        n.put("mode", mode.name());
        n.put("dockPhase", dockPhase == null ? null : dockPhase.name());
        var f = n.putArray("flags");
        flags.forEach(x -> f.add(x.name()));
        ObjectNode b = n.putObject("battery");
        b.put("pct", Math.round(battery.percent() * 10) / 10.0);
        b.put("charging", battery.charging());
        ObjectNode s = n.putObject("storage");
        s.put("capacityBytes", storage.capacity());
        s.put("usedBytes", storage.used());
        s.put("freeBytes", storage.free());
        ObjectNode q = n.putObject("uploadQueue");
        q.put("segments", storage.queuedSegments());
        q.put("bytes", storage.queuedBytes());
        recorder.describe(n);
        n.put("firmware", config.firmware());
        n.put("clockOffsetMs", clockOffset);
        n.put("officer", config.officer());
        telemetry.publish(Topic.STATE, Payloads.bytes(n));
    }

    private byte[] statusPayload(String status, String reason, long seq) {
        ObjectNode n = payloads.message(Topic.STATUS, deviceTime(), seq);
        n.put("status", status);
        n.put("firmware", config.firmware());
        if (reason != null) {
            n.put("reason", reason);
        }
        return Payloads.bytes(n);
    }

    private EnumSet<Flag> flagsOrEmpty() {
        return flags.isEmpty() ? EnumSet.noneOf(Flag.class) : flags;
    }
}
