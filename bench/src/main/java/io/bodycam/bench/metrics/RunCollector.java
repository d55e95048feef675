package io.bodycam.bench.metrics;

import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.RecordingStarted;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadFailed;
import io.bodycam.sim.event.UploadVerified;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Listens to every camera of a run (on their event loops) and keeps what the bench needs from their
 * events: the event log, the device ledger, each camera's mode, upload counters and the
 * record-to-verified latency. Everything here is safe to call from many threads at once.
 */
public final class RunCollector implements CameraListener {

    private final EventLog log;
    private final DeviceLedger ledger = new DeviceLedger();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final LongAdder uploadsCompleted = new LongAdder();
    private final LongAdder uploadsFailed = new LongAdder();
    private final LongAdder uploadBytes = new LongAdder();
    private final LongAdder recordings = new LongAdder();
    private final AtomicLong firstUploadNanos = new AtomicLong();
    private final AtomicLong lastUploadNanos = new AtomicLong();
    private final Map<String, Long> closedAt = new ConcurrentHashMap<>();
    /** Virtual milliseconds from a segment's closing to its verification. */
    private final Recorder recordToVerified = new Recorder(30L * 24 * 3_600_000, 3);
    private final UpdateTally updates = new UpdateTally();

    public RunCollector(EventLog log) {
        this.log = log;
    }

    @Override
    public void onEvent(CameraEvent e) {
        log.onEvent(e);
        ledger.onEvent(e);
        updates.onEvent(e);
        if (e instanceof ModeChanged m) {
            modes.put(e.deviceId(), m.to());
        } else if (e instanceof RecordingStarted) {
            recordings.increment();
        } else if (e instanceof SegmentClosed c) {
            closedAt.put(e.deviceId() + '/' + c.segmentId(), e.time());
        } else if (e instanceof UploadCompleted u) {
            long now = System.nanoTime();
            firstUploadNanos.compareAndSet(0, now);
            lastUploadNanos.set(now);
            uploadsCompleted.increment();
            uploadBytes.add(u.bytes());
        } else if (e instanceof UploadFailed) {
            uploadsFailed.increment();
        } else if (e instanceof UploadVerified v) {
            Long closed = closedAt.remove(e.deviceId() + '/' + v.segmentId());
            if (closed != null) {
                recordToVerified.recordValue(Math.max(0, Math.min(e.time() - closed, 30L * 24 * 3_600_000)));
            }
        }
    }

    /** Firmware rollouts and priority uploads. */
    public UpdateTally updates() {
        return updates;
    }

    public DeviceLedger ledger() {
        return ledger;
    }

    /** How many cameras are in each mode now. */
    public Map<Mode, Integer> modeCounts() {
        Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
        modes.values().forEach(m -> counts.merge(m, 1, Integer::sum));
        return counts;
    }

    public long recordingsStarted() {
        return recordings.sum();
    }

    public long uploadsCompleted() {
        return uploadsCompleted.sum();
    }

    public long uploadsFailed() {
        return uploadsFailed.sum();
    }

    public long uploadBytes() {
        return uploadBytes.sum();
    }

    /** Payload bytes per wall second between the first and the last completed upload; NaN before two. */
    public double uploadThroughput() {
        long span = lastUploadNanos.get() - firstUploadNanos.get();
        return span <= 0 ? Double.NaN : uploadBytes.sum() / (span / 1e9);
    }

    public Histogram recordToVerified() {
        return recordToVerified.getIntervalHistogram();
    }
}
