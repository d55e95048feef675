package io.bodycam.bench.metrics;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FirmwareApplied;
import io.bodycam.sim.event.FirmwareDownloadFailed;
import io.bodycam.sim.event.FirmwareDownloadPaused;
import io.bodycam.sim.event.FirmwareDownloadStarted;
import io.bodycam.sim.event.FirmwareDownloaded;
import io.bodycam.sim.event.FirmwareInterrupted;
import io.bodycam.sim.event.FirmwareOffered;
import io.bodycam.sim.event.FirmwareRejected;
import io.bodycam.sim.event.PriorityUploadCancelled;
import io.bodycam.sim.event.PriorityUploadCompleted;
import io.bodycam.sim.event.PriorityUploadFailed;
import io.bodycam.sim.event.PriorityUploadStarted;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts firmware rollouts and priority uploads from the cameras' events (docs/contract): offers taken,
 * downloads (how many at once: the congestion a short window causes [S13]), images applied and
 * rejected, applies interrupted; priority uploads started, completed, cancelled, failed. Called from
 * many camera threads at once.
 */
public final class UpdateTally {

    private final Set<String> offered = ConcurrentHashMap.newKeySet();
    private final Set<String> downloading = ConcurrentHashMap.newKeySet();
    private final Map<String, String> appliedTo = new ConcurrentHashMap<>();
    private final AtomicInteger downloadsPeak = new AtomicInteger();
    private final LongAdder downloaded = new LongAdder();
    private final LongAdder downloadBytes = new LongAdder();
    private final LongAdder paused = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    /** Virtual milliseconds from a download's first byte asked to its last byte verified. */
    private final Recorder downloadTime = new Recorder(30L * 24 * 3_600_000, 3);
    private final LongAdder priorityStarted = new LongAdder();
    private final LongAdder priorityCompleted = new LongAdder();
    private final LongAdder priorityCancelled = new LongAdder();
    private final LongAdder priorityFailed = new LongAdder();
    private final LongAdder priorityBytes = new LongAdder();

    public void onEvent(CameraEvent e) {
        if (e instanceof FirmwareOffered) {
            offered.add(e.deviceId());
        } else if (e instanceof FirmwareDownloadStarted) {
            downloading.add(e.deviceId());
            downloadsPeak.accumulateAndGet(downloading.size(), Math::max);
        } else if (e instanceof FirmwareDownloadPaused || e instanceof FirmwareDownloadFailed) {
            downloading.remove(e.deviceId());
            paused.increment();
        } else if (e instanceof FirmwareDownloaded d) {
            downloading.remove(e.deviceId());
            downloaded.increment();
            downloadBytes.add(d.bytes());
            downloadTime.recordValue(Math.max(0, Math.min(d.durationMs(), 30L * 24 * 3_600_000)));
        } else if (e instanceof FirmwareRejected) {
            downloading.remove(e.deviceId());
            rejected.increment();
        } else if (e instanceof FirmwareApplied a) {
            applied.increment();
            appliedTo.put(e.deviceId(), a.to());
        } else if (e instanceof FirmwareInterrupted) {
            interrupted.increment();
        } else if (e instanceof PriorityUploadStarted) {
            priorityStarted.increment();
        } else if (e instanceof PriorityUploadCompleted c) {
            priorityCompleted.increment();
            priorityBytes.add(c.bytes());
        } else if (e instanceof PriorityUploadCancelled) {
            priorityCancelled.increment();
        } else if (e instanceof PriorityUploadFailed) {
            priorityFailed.increment();
        }
    }

    /** Firmware downloads in progress now. */
    public int downloadingNow() {
        return downloading.size();
    }

    public long applied() {
        return applied.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    public long priorityCompleted() {
        return priorityCompleted.sum();
    }

    public long priorityCancelled() {
        return priorityCancelled.sum();
    }

    /**
     * The run's firmware and priority-upload metrics; {@code snapshots} (the cameras at the end) give
     * the offers still pending, {@code seen} (the backend's view) the cameras reporting the version
     * they applied.
     */
    public void put(Map<String, Double> m, List<CameraSnapshot> snapshots, List<DeviceView> seen) {
        m.put("firmware.offered", (double) offered.size());
        m.put("firmware.downloaded", (double) downloaded.sum());
        m.put("firmware.applied", (double) applied.sum());
        m.put("firmware.rejected", (double) rejected.sum());
        m.put("firmware.interrupted", (double) interrupted.sum());
        m.put("firmware.pending", (double) snapshots.stream().filter(s -> s.firmwarePending() != null).count());
        m.put("firmware.reported", (double) seen.stream()
                .filter(d -> d.firmware().isPresent() && Objects.equals(appliedTo.get(d.deviceId()), d.firmware().get()))
                .count());
        m.put("firmware.downloadsPaused", (double) paused.sum());
        m.put("firmware.downloadsPeak", (double) downloadsPeak.get());
        m.put("firmware.bytes", (double) downloadBytes.sum());
        Histogram h = downloadTime.getIntervalHistogram();
        boolean none = h.getTotalCount() == 0;
        m.put("firmware.downloadTime.p50", none ? Double.NaN : (double) h.getValueAtPercentile(50));
        m.put("firmware.downloadTime.p90", none ? Double.NaN : (double) h.getValueAtPercentile(90));
        m.put("firmware.downloadTime.p99", none ? Double.NaN : (double) h.getValueAtPercentile(99));
        m.put("firmware.downloadTime.max", none ? Double.NaN : (double) h.getMaxValue());
        m.put("priorityUpload.started", (double) priorityStarted.sum());
        m.put("priorityUpload.completed", (double) priorityCompleted.sum());
        m.put("priorityUpload.cancelled", (double) priorityCancelled.sum());
        m.put("priorityUpload.failed", (double) priorityFailed.sum());
        m.put("priorityUpload.bytes", (double) priorityBytes.sum());
    }
}
