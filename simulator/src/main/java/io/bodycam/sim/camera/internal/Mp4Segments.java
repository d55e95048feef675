package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.event.CameraError;
import io.bodycam.sim.event.RecordingRecovered;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.recording.Recording;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.video.SegmentCard;
import io.bodycam.sim.video.SegmentSpec;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The camera's side of mp4 mode (docs/video.md): each closed segment becomes a real MP4 on its
 * {@link SegmentCard}, with the camera's own GPS fixes as its track, and is stored and announced (with
 * the file's SHA-256) only once the file is complete. Counts the files being written, so the camera is
 * not taken for drained meanwhile and the dock uploads each as it appears.
 *
 * <p>Power: a segment closed before a power cut was complete on a real camera, so its file is still
 * written and announced; the open segment is left on the card as a truncated file (no index), which
 * the recovery after the next boot finds with the probe and removes (CAST [S43]). Runs on the camera's
 * thread; file work runs on the video workers.
 */
public final class Mp4Segments {

    /** Fixes kept beyond the segment length: the longest pre-event buffer [S1] and a margin. */
    private static final int HISTORY_MARGIN_SECONDS = 120 + 60;

    private final SegmentCard card;
    private final CameraConfig config;
    private final Scheduler scheduler;
    private final GpsReceiver gps;
    private final EventSink events;
    private final Runnable fileDone;
    private int writing;

    /** {@code fileDone} runs on the camera's thread after each segment file is written, or failed. */
    public Mp4Segments(SegmentCard card, CameraConfig config, Scheduler scheduler, GpsReceiver gps, EventSink events,
                       Runnable fileDone) {
        this.card = card;
        this.config = config;
        this.scheduler = scheduler;
        this.gps = gps;
        this.events = events;
        this.fileDone = fileDone;
        gps.keepHistory((int) config.segmentLength().toSeconds() + HISTORY_MARGIN_SECONDS);
    }

    /** Writes a closed segment's file; {@code store} gets the finished manifest on the camera's thread. */
    public void write(SegmentManifest draft, Consumer<SegmentManifest> store) {
        SegmentSpec spec = spec(draft.recordingId(), draft.segmentId(), draft.index(), draft.start(), draft.end(),
                draft.preEventMillis(), draft.trigger(), draft.category());
        writing++;
        card.write(spec).whenComplete((written, error) -> scheduler.run(() -> {
            writing--;
            if (error != null) {
                events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.SEGMENT_WRITE, draft.segmentId(),
                        "the segment file could not be written: " + Failure.message(error)));
            } else {
                store.accept(draft.withFile(written.bytes(), written.sha256()));
            }
            fileDone.run();
        }));
    }

    /** The power died while {@code open}'s segment was being recorded: its file stays truncated on the card. */
    public void cut(Recording open, long now) {
        if (now <= open.segmentStart()) {
            return;
        }
        int index = open.closedSegments();
        card.cut(spec(open.id(), String.format("%s-S%03d", open.id(), index + 1), index, open.segmentStart(), now,
                index == 0 ? open.preEventMillis() : 0, open.trigger(), open.category()));
    }

    /**
     * After a power loss: once the card's files in progress are done, the interrupted ones are probed
     * and removed; {@code then} gets what was found, or why the card could not be read.
     */
    public void recover(Consumer<RecordingRecovered.CardCheck> then) {
        card.recover().whenComplete((found, error) -> scheduler.run(() -> {
            if (error != null) {
                then.accept(RecordingRecovered.CardCheck.unreadable(Failure.message(error)));
            } else if (found.isEmpty()) {
                then.accept(new RecordingRecovered.CardCheck(null, 0, null, 0, null));
            } else {
                var first = found.get(0);
                then.accept(new RecordingRecovered.CardCheck(null, found.size(), first.segmentId(), first.bytes(),
                        first.probe()));
            }
        }));
    }

    public SegmentSource source(SegmentManifest s, boolean damaged) {
        return card.source(s.segmentId(), s.bytes(), damaged);
    }

    /** Hashes the stored file on the video workers; {@code then} gets the hash (or the error) on the camera's thread. */
    public void sha256(SegmentManifest s, boolean damaged, BiConsumer<String, Throwable> then) {
        card.sha256(s.segmentId(), s.bytes(), damaged).whenComplete((sha, error) -> scheduler.run(() -> then.accept(sha, error)));
    }

    public void purged(SegmentManifest s) {
        card.delete(s.segmentId()).whenComplete((v, error) -> {
            if (error != null) {
                scheduler.run(() -> events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.SEGMENT_DELETE,
                        Failure.message(error))));
            }
        });
    }

    /** Segment files being written now. */
    public int writing() {
        return writing;
    }

    private SegmentSpec spec(String recordingId, String segmentId, int index, long start, long end, long preEvent,
                             String trigger, String category) {
        gps.fixAt(scheduler.now());
        List<GpsFix> track = gps.history(start, Math.max(end, start + 1));
        long variant = mix(config.seed() ^ segmentId.hashCode() * 0x9E3779B97F4A7C15L);
        return new SegmentSpec(config.deviceId(), config.officer(), config.agency(), recordingId, segmentId, index, start, end, preEvent,
                trigger, category, track, variant);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

}
