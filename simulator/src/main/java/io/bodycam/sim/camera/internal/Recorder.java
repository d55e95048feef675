package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.event.Interruption;
import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.event.RecordingStopped;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.StorageFull;
import io.bodycam.sim.recording.Recording;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The camera's recorder: opens a recording with the pre-event buffer as its head, cuts it into
 * segments of the configured length, rolls over at the maximum length [S1] and stops when storage is
 * full [S68]. Each closed segment goes to storage and is announced with its SHA-256.
 */
public final class Recorder {

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final ModeMachine machine;
    private final Storage storage;
    private final Flags flags;
    private final EventSink events;
    private final EvidenceCard card;
    private final PendingFaults faults;
    private final LiveSettings settings;
    private final PriorityUpload priority;
    private final Consumer<StopReason> ended;
    private final PreEventBuffer buffer = new PreEventBuffer();
    /**
     * A bug planted on purpose, for the tests that prove {@code bodycam shrink} finds one (docs/reproduce.md):
     * with the system property {@value #PLANTED_BUG} set to {@code purge-third-segment}, the third segment of
     * every recording is deleted from the card as soon as it is stored, never uploaded. Off unless a test sets it.
     */
    public static final String PLANTED_BUG = "bodycam.test.plantedBug";
    private final boolean purgeThirdSegment = "purge-third-segment".equals(System.getProperty(PLANTED_BUG));
    private Recording recording;
    private int recordings;
    private Timer cutTimer = Timer.NONE;
    private Timer maxLengthTimer = Timer.NONE;
    private Timer fullTimer = Timer.NONE;

    /** {@code ended} hears of every recording closed, with the reason, and decides where the camera goes. */
    public Recorder(CameraConfig config, Scheduler scheduler, ModeMachine machine, Storage storage, Flags flags,
                    EventSink events, EvidenceCard card, PendingFaults faults, LiveSettings settings,
                    PriorityUpload priority, Consumer<StopReason> ended) {
        this.config = config;
        this.scheduler = scheduler;
        this.machine = machine;
        this.storage = storage;
        this.flags = flags;
        this.events = events;
        this.card = card;
        this.faults = faults;
        this.settings = settings;
        this.priority = priority;
        this.ended = ended;
    }

    /** Follows the camera's mode: the pre-event buffer fills only while it is ready. */
    public void modeChanged(Mode from, Mode to) {
        buffer.modeChanged(from, to, scheduler.now());
    }

    /**
     * Starts a recording if the camera can: empty when started, else why not (already recording,
     * docked, asleep for a signal trigger [S13], storage full, not ready). A priority upload gives way.
     */
    public Optional<String> start(Trigger trigger, String category, boolean flagged) {
        switch (machine.mode()) {
            case RECORDING:
                return Optional.of("already recording " + currentId());
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
                priority.cancel(StopReason.RECORDING_STARTED);
                break;
            default:
                return Optional.of("not ready: camera is " + machine.mode());
        }
        if (storage.full()) {
            flags.set(Flag.STORAGE_FULL, true);
            events.emit(new StorageFull(events.deviceId(), events.time(), storage.free()));
            return Optional.of("storage full");
        }
        long now = scheduler.now();
        open(trigger, category, flagged, Math.min(settings.current().preEvent().toMillis(), buffer.held(now)));
        return Optional.empty();
    }

    /** The {@code stopRecording} command: empty when a recording was stopped, else why not. */
    public Optional<String> stopByCommand() {
        if (machine.mode() != Mode.RECORDING) {
            return Optional.of("not recording");
        }
        stop(StopReason.COMMAND);
        return Optional.empty();
    }

    private void open(Trigger trigger, String category, boolean flagged, long preEventMillis) {
        long now = scheduler.now();
        recordings++;
        String id = String.format("%s-R%05d", config.deviceId(), recordings);
        recording = new Recording(config.deviceId(), id, trigger.wireName(), category, flagged, now, preEventMillis,
                card.recordingStream(), config.nominalBytesPerSecond());
        machine.enter(Mode.RECORDING);
        events.emit(new RecordingStarted(events.deviceId(), events.time(), id, trigger, preEventMillis / 1000.0, category));
        maxLengthTimer = scheduler.schedule(config.maxRecording().toMillis(), this::rollOver);
        scheduleCut();
        reserve(now);
    }

    /** Closes the recording (if any) for {@code reason}; then the camera decides where to go. */
    public void stop(StopReason reason) {
        if (recording == null) {
            return;
        }
        long now = scheduler.now();
        cancelTimers();
        Recording r = recording;
        recording = null;
        if (now > r.segmentStart() || r.closedSegments() == 0) {
            closed(r.closeSegment(now, false));
        }
        storage.reserve(0);
        flags.storage(storage);
        events.emit(new RecordingStopped(events.deviceId(), events.time(), r.id(), reason, now - r.triggeredAt(), r.closedSegments()));
        ended.accept(reason);
    }

    /** Hashes what was captured so far and updates the room the open segment takes. */
    public void progress() {
        if (recording != null) {
            long now = scheduler.now();
            recording.produceTo(now);
            reserve(now);
        }
    }

    /**
     * The power dies: nothing is closed, no event goes out; the open segment is dropped (its file was
     * never finalised) and the recording ends where its last complete segment ended.
     */
    public Optional<Interruption> cut() {
        if (recording == null) {
            return Optional.empty();
        }
        long now = scheduler.now();
        cancelTimers();
        Recording r = recording;
        recording = null;
        storage.reserve(0);
        card.cut(r, now);
        return Optional.of(new Interruption(r.id(), r.closedSegments(), r.segmentStart(), now, r.openNominalBytes(now)));
    }

    /** The open recording's id; null when none is open. */
    public String currentId() {
        return recording == null ? null : recording.id();
    }

    /** When the open recording was triggered; meaningless when none is open. */
    public long currentSince() {
        return recording == null ? -1 : recording.triggeredAt();
    }

    private void scheduleCut() {
        long at = recording.segmentStart() + config.segmentLength().toMillis();
        cutTimer = scheduler.schedule(at - scheduler.now(), () -> {
            closed(recording.closeSegment(scheduler.now(), true));
            scheduleCut();
            reserve(scheduler.now());
        });
    }

    private void rollOver() {
        stop(StopReason.MAX_LENGTH);
        start(Trigger.ROLLOVER, "uncategorized", false);
    }

    /** Reserves the open segment's room and re-arms the timer for the moment storage runs out. */
    private void reserve(long now) {
        storage.reserve(recording.openNominalBytes(now));
        flags.storage(storage);
        fullTimer.cancel();
        double perMilli = config.nominalBytesPerSecond() / 1000.0;
        long untilFull = (long) Math.ceil(storage.free() / perMilli);
        fullTimer = scheduler.schedule(untilFull, () -> {
            stop(StopReason.STORAGE_FULL);
            flags.set(Flag.STORAGE_FULL, true);
            events.emit(new StorageFull(events.deviceId(), events.time(), storage.free()));
        });
    }

    /** A segment was closed: stored at once, or (mp4) once its file is written. */
    private void closed(SegmentManifest m) {
        card.closed(m, this::store);
    }

    private void store(SegmentManifest m) {
        storage.add(m);
        events.emit(new SegmentClosed(events.deviceId(), events.time(), m.recordingId(), m.segmentId(), m.index(), m.bytes(), m.nominalBytes(),
                m.sha256(), m.start(), m.end(), m.preEventMillis() / 1000.0));
        faults.segmentStored(m);
        if (purgeThirdSegment && m.index() == 2) {
            card.purge(m);
        }
    }

    private void cancelTimers() {
        cutTimer.cancel();
        maxLengthTimer.cancel();
        fullTimer.cancel();
    }
}
