package io.bodycam.bench.run.record;

import io.bodycam.sim.event.CameraError;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadFailed;
import io.bodycam.sim.event.UploadVerified;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the record needs from the cameras' events, counted as they happen on the cameras' threads:
 * upload counters for the time series, camera errors, and per segment when it was closed, uploaded and
 * verified and how many upload attempts failed, for the evidence ledger and the record-to-verified log.
 */
final class EventTally {

    static final long MAX_RECORD_TO_VERIFIED_MILLIS = 30L * 24 * 3_600_000;

    /** One segment's journey, in virtual epoch milliseconds (-1: not yet). */
    static final class Journey {
        volatile long closedAt = -1;
        volatile long uploadedAt = -1;
        volatile long verifiedAt = -1;
        final LongAdder failedAttempts = new LongAdder();
    }

    final LongAdder uploadBytes = new LongAdder();
    final LongAdder uploadsCompleted = new LongAdder();
    final LongAdder uploadsFailed = new LongAdder();
    final LongAdder segmentsClosed = new LongAdder();
    final LongAdder recordingsStarted = new LongAdder();
    final LongAdder errors = new LongAdder();
    final Recorder recordToVerified = new Recorder(MAX_RECORD_TO_VERIFIED_MILLIS, 3);
    private final Map<String, Journey> journeys = new ConcurrentHashMap<>();

    void onEvent(CameraEvent e) {
        if (e instanceof RecordingStarted) {
            recordingsStarted.increment();
        } else if (e instanceof SegmentClosed c) {
            segmentsClosed.increment();
            track(e.deviceId(), c.segmentId()).closedAt = e.time();
        } else if (e instanceof UploadCompleted u) {
            uploadsCompleted.increment();
            uploadBytes.add(u.bytes());
            track(e.deviceId(), u.segmentId()).uploadedAt = e.time();
        } else if (e instanceof UploadFailed f) {
            uploadsFailed.increment();
            track(e.deviceId(), f.segmentId()).failedAttempts.increment();
        } else if (e instanceof UploadVerified v) {
            Journey j = track(e.deviceId(), v.segmentId());
            j.verifiedAt = e.time();
            if (j.closedAt >= 0) {
                recordToVerified.recordValue(Math.max(0, Math.min(e.time() - j.closedAt, MAX_RECORD_TO_VERIFIED_MILLIS)));
            }
        } else if (e instanceof CameraError) {
            errors.increment();
        }
    }

    /** The journey of a segment, or an empty one if no event named it. */
    Journey journey(String deviceId, String segmentId) {
        Journey j = journeys.get(deviceId + '/' + segmentId);
        return j != null ? j : new Journey();
    }

    private Journey track(String deviceId, String segmentId) {
        return journeys.computeIfAbsent(deviceId + '/' + segmentId, k -> new Journey());
    }
}
