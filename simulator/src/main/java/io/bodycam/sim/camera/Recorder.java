package io.bodycam.sim.camera;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.recording.Recording;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.time.Timer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The camera's recorder: opens a recording with the pre-event buffer as its head, cuts it into
 * segments of the configured length, rolls over at the maximum length [S1] and stops when storage is
 * full [S68]. Each closed segment goes to storage and is announced with its SHA-256.
 */
final class Recorder {

    private final Camera camera;
    private Recording recording;
    private int recordings;
    private Timer cutTimer = Timer.NONE;
    private Timer maxLengthTimer = Timer.NONE;
    private Timer fullTimer = Timer.NONE;

    Recorder(Camera camera) {
        this.camera = camera;
    }

    void start(Trigger trigger, String category, boolean flagged, long preEventMillis) {
        long now = camera.scheduler().now();
        recordings++;
        String id = String.format("%s-R%05d", camera.deviceId(), recordings);
        recording = new Recording(camera.deviceId(), id, trigger.wireName(), category, flagged, now, preEventMillis,
                camera.mp4() == null ? camera.stream() : null, camera.config().nominalBytesPerSecond());
        camera.recordingStarted();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recordingId", id);
        fields.put("trigger", trigger.wireName());
        fields.put("preEventSeconds", preEventMillis / 1000.0);
        fields.put("category", category);
        camera.emit("recording.started", fields);
        maxLengthTimer = camera.scheduler().schedule(camera.config().maxRecording().toMillis(), this::rollOver);
        scheduleCut();
        reserve(now);
    }

    /** Closes the recording (if any) for {@code reason}; the camera then decides where to go. */
    void stop(String reason) {
        if (recording == null) {
            return;
        }
        long now = camera.scheduler().now();
        cancelTimers();
        Recording r = recording;
        recording = null;
        if (now > r.segmentStart() || r.closedSegments() == 0) {
            closed(r.closeSegment(now, false));
        }
        camera.storage().reserve(0);
        camera.refreshStorageFlags();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recordingId", r.id());
        fields.put("reason", reason);
        fields.put("durationMs", now - r.triggeredAt());
        fields.put("segments", r.closedSegments());
        camera.emit("recording.stopped", fields);
        camera.recordingEnded(reason);
    }

    /** Hashes what was captured so far and updates the room the open segment takes. */
    void progress(long now) {
        if (recording != null) {
            recording.produceTo(now);
            reserve(now);
        }
    }

    /**
     * What a power cut left of the open recording: its closed segments are on the card, the open one
     * is gone (its file was never finalised).
     *
     * @param keptUntil capture time up to which the recording survives (the open segment's start)
     * @param lostTo    capture time of the cut
     */
    record Interruption(String recordingId, int segmentsKept, long keptUntil, long lostTo, long lostNominalBytes) {

        /** The fields of the {@code recording.recovered} event. */
        Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("recordingId", recordingId);
            f.put("segmentsKept", segmentsKept);
            f.put("keptUntil", keptUntil);
            f.put("lostUntil", lostTo);
            f.put("lostMs", lostTo - keptUntil);
            f.put("lostNominalBytes", lostNominalBytes);
            return f;
        }
    }

    /**
     * The power dies: nothing is closed, no event goes out; the open segment is dropped and the
     * recording ends where its last complete segment ended.
     */
    Optional<Interruption> cut() {
        if (recording == null) {
            return Optional.empty();
        }
        long now = camera.scheduler().now();
        cancelTimers();
        Recording r = recording;
        recording = null;
        camera.storage().reserve(0);
        if (camera.mp4() != null) {
            camera.mp4().cut(r, now);
        }
        return Optional.of(new Interruption(r.id(), r.closedSegments(), r.segmentStart(), now, r.openNominalBytes(now)));
    }

    String currentId() {
        return recording == null ? null : recording.id();
    }

    /** Writes the {@code recording} field of a {@code state} report. */
    void describe(JsonGenerator g) throws IOException {
        if (recording == null) {
            g.writeNullField("recording");
        } else {
            g.writeObjectFieldStart("recording");
            g.writeStringField("id", recording.id());
            g.writeNumberField("since", recording.triggeredAt());
            g.writeEndObject();
        }
    }

    private void scheduleCut() {
        long at = recording.segmentStart() + camera.config().segmentLength().toMillis();
        cutTimer = camera.scheduler().schedule(at - camera.scheduler().now(), () -> {
            closed(recording.closeSegment(camera.scheduler().now(), true));
            scheduleCut();
            reserve(camera.scheduler().now());
        });
    }

    private void rollOver() {
        stop("max length");
        camera.startRecording(Trigger.ROLLOVER, "uncategorized", false);
    }

    /** Reserves the open segment's room and re-arms the timer for the moment storage runs out. */
    private void reserve(long now) {
        camera.storage().reserve(recording.openNominalBytes(now));
        camera.refreshStorageFlags();
        fullTimer.cancel();
        double perMilli = camera.config().nominalBytesPerSecond() / 1000.0;
        long untilFull = (long) Math.ceil(camera.storage().free() / perMilli);
        fullTimer = camera.scheduler().schedule(untilFull, () -> {
            stop("storage full");
            camera.flag(Flag.STORAGE_FULL, true);
            camera.emit("storage.full", Map.of("freeBytes", camera.storage().free()));
        });
    }

    /** A segment was closed: stored at once, or (mp4) once its file is written. */
    private void closed(SegmentManifest m) {
        if (camera.mp4() == null) {
            store(m);
        } else {
            camera.mp4().write(m, this::store);
        }
    }

    private void store(SegmentManifest m) {
        camera.storage().add(m);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recordingId", m.recordingId());
        fields.put("segmentId", m.segmentId());
        fields.put("index", m.index());
        fields.put("bytes", m.bytes());
        fields.put("nominalBytes", m.nominalBytes());
        fields.put("sha256", m.sha256());
        fields.put("start", m.start());
        fields.put("end", m.end());
        fields.put("preEventSeconds", m.preEventMillis() / 1000.0);
        camera.emit("segment.closed", fields);
        camera.faults().segmentStored(m);
    }

    private void cancelTimers() {
        cutTimer.cancel();
        maxLengthTimer.cancel();
        fullTimer.cancel();
    }
}
