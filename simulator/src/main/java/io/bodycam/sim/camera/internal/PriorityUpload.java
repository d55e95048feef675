package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.PriorityUploadCancelled;
import io.bodycam.sim.event.PriorityUploadCompleted;
import io.bodycam.sim.event.PriorityUploadFailed;
import io.bodycam.sim.event.PriorityUploadStarted;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadFailed;
import io.bodycam.sim.event.UploadProgress;
import io.bodycam.sim.event.UploadVerified;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.upload.ProgressListener;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * AB3 "Priority Upload" [S11]: out of the dock, the officer sends only the most recent recording over
 * mobile data; the camera shows UPLOAD COMPLETE and deletes the file, and the upload can be cancelled.
 * Here: each segment of the latest recording still on the camera is uploaded over LTE (paced by the
 * camera's LTE bandwidth), verified by SHA-256 and purged, oldest segment first, in mode
 * {@link Mode#PRIORITY_UPLOAD}. A trigger (a recording starting), docking, an error or a shutdown
 * cancels it; a failed upload or verification ends it. Whatever is left waits for the dock, which
 * resumes a cut segment from the server's offset. One attempt per segment, no retries [GUESS]: the
 * officer can choose it again.
 */
public final class PriorityUpload {

    private final ModeMachine machine;
    private final Scheduler scheduler;
    private final Storage storage;
    private final EvidenceLink evidence;
    private final EvidenceCard card;
    private final EventSink events;
    private List<SegmentManifest> segments = List.of();
    private String recordingId;
    private int next;
    private long bytes;
    private boolean active;
    /** Bumped when the upload stops; answers for an earlier run are dropped. */
    private int generation;

    public PriorityUpload(ModeMachine machine, Scheduler scheduler, Storage storage, EvidenceLink evidence,
                          EvidenceCard card, EventSink events) {
        this.machine = machine;
        this.scheduler = scheduler;
        this.storage = storage;
        this.evidence = evidence;
        this.card = card;
        this.events = events;
    }

    /** Starts uploading the latest recording; empty when started, else why not. */
    public Optional<String> start() {
        if (machine.mode() == Mode.PRIORITY_UPLOAD) {
            return Optional.of("already uploading " + recordingId);
        }
        if (machine.mode() != Mode.READY_BUFFERING) {
            return Optional.of("not ready: camera is " + machine.mode());
        }
        Optional<SegmentManifest> latest = storage.queue().stream()
                .filter(s -> !storage.held().contains(s.segmentId()))
                .max(Comparator.comparingLong(SegmentManifest::start).thenComparingInt(SegmentManifest::index));
        if (latest.isEmpty()) {
            return Optional.of("nothing to upload: no recording waits on the camera");
        }
        recordingId = latest.get().recordingId();
        segments = storage.queue().stream()
                .filter(s -> s.recordingId().equals(recordingId) && !storage.held().contains(s.segmentId()))
                .sorted(Comparator.comparingInt(SegmentManifest::index))
                .toList();
        next = 0;
        bytes = 0;
        active = true;
        generation++;
        machine.enter(Mode.PRIORITY_UPLOAD);
        events.emit(new PriorityUploadStarted(events.deviceId(), events.time(), recordingId, segments.size(),
                segments.stream().mapToLong(SegmentManifest::bytes).sum()));
        upload(generation);
        return Optional.empty();
    }

    /** Cancels a running priority upload and goes back to buffering; empty when there was one, else why not. */
    public Optional<String> stop(StopReason reason) {
        if (machine.mode() != Mode.PRIORITY_UPLOAD) {
            return Optional.of("no priority upload running");
        }
        cancel(reason);
        machine.enter(Mode.READY_BUFFERING);
        return Optional.empty();
    }

    /**
     * Stops a running upload; the segment in flight is cut (the dock resumes it). After an
     * {@link StopReason#abrupt() abrupt} power loss the bench hears of it, the backend does not. The
     * caller sets the next mode.
     */
    public void cancel(StopReason reason) {
        if (!active) {
            return;
        }
        active = false;
        generation++;
        if (next < segments.size()) {
            evidence.cancelUpload(segments.get(next));
        }
        events.emit(new PriorityUploadCancelled(events.deviceId(), events.time(), recordingId, reason, next, segments.size() - next));
    }

    private void upload(int run) {
        if (next == segments.size()) {
            active = false;
            events.emit(new PriorityUploadCompleted(events.deviceId(), events.time(), recordingId, segments.size(), bytes));
            machine.enter(Mode.READY_BUFFERING);
            return;
        }
        SegmentManifest s = segments.get(next);
        evidence.uploadOverLte(s, card.payload(s), progress(s, run)).whenComplete((sent, error) -> scheduler.run(() -> {
            if (run != generation) {
                return;
            }
            if (error != null) {
                failed(s, "upload failed: " + Failure.message(error));
                return;
            }
            events.emit(new UploadCompleted(events.deviceId(), events.time(), s.segmentId(), s.bytes(), true));
            verify(s, run);
        }));
    }

    /** Tells the bench, on the camera's thread, each piece of {@code s} the backend accepted in this run. */
    private ProgressListener progress(SegmentManifest s, int run) {
        return (committed, total) -> scheduler.run(() -> {
            if (run == generation) {
                events.emit(new UploadProgress(events.deviceId(), events.time(), s.segmentId(), committed, total));
            }
        });
    }

    private void verify(SegmentManifest s, int run) {
        evidence.verify(s).whenComplete((verdict, error) -> scheduler.run(() -> {
            if (run != generation) {
                return;
            }
            if (error != null) {
                failed(s, "verification failed: " + Failure.message(error));
            } else if (verdict.confirms(s.sha256())) {
                events.emit(new UploadVerified(events.deviceId(), events.time(), s.segmentId(), s.sha256()));
                card.purge(s);
                bytes += s.bytes();
                next++;
                upload(run);
            } else {
                failed(s, Dock.notConfirmed(s, verdict));
            }
        }));
    }

    /** The segment stays on the camera for the dock; the priority upload ends. */
    private void failed(SegmentManifest s, String error) {
        active = false;
        generation++;
        events.emit(new UploadFailed(events.deviceId(), events.time(), s.segmentId(), error));
        events.emit(new PriorityUploadFailed(events.deviceId(), events.time(), recordingId, error, next));
        machine.enter(Mode.READY_BUFFERING);
    }
}
