package io.bodycam.sim.camera.internal;

import io.bodycam.sim.event.RecordingRecovered;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.recording.CaptureStream;
import io.bodycam.sim.recording.Recording;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentPayload;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.storage.Storage;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The camera's card as its recorder and uploaders use it: where a closed segment's bytes come from
 * (the synthetic {@link CaptureStream}, or an MP4 file in mp4 mode, docs/video.md) and how a verified
 * one is deleted. Runs on the camera's thread.
 */
public final class EvidenceCard {

    private final Storage storage;
    private final CaptureStream stream;
    private final Mp4Segments mp4;
    private final Flags flags;
    private final EventSink events;

    /** {@code mp4} null: synthetic payloads from {@code stream}. */
    public EvidenceCard(Storage storage, CaptureStream stream, Mp4Segments mp4, Flags flags, EventSink events) {
        this.storage = storage;
        this.stream = stream;
        this.mp4 = mp4;
        this.flags = flags;
        this.events = events;
    }

    /** The stream a new recording hashes on the fly; null in mp4 mode, where the file's hash counts. */
    public CaptureStream recordingStream() {
        return mp4 == null ? stream : null;
    }

    /** A closed segment: handed to {@code store} at once, or (mp4) once its file is written. */
    public void closed(SegmentManifest draft, Consumer<SegmentManifest> store) {
        if (mp4 == null) {
            store.accept(draft);
        } else {
            mp4.write(draft, store);
        }
    }

    /** The power died while {@code open} was recording at {@code now}. */
    public void cut(Recording open, long now) {
        if (mp4 != null) {
            mp4.cut(open, now);
        }
    }

    /**
     * After a power loss: {@code then} gets, on the camera's thread, what the card held of the interrupted
     * files (mp4 mode: found, probed and removed on the video workers), or null (synthetic: nothing to do).
     */
    public void recover(Consumer<RecordingRecovered.CardCheck> then) {
        if (mp4 == null) {
            then.accept(null);
        } else {
            mp4.recover(then);
        }
    }

    /** The stored copy of {@code s} as it reads now (damaged if a fault damaged it). */
    public SegmentSource payload(SegmentManifest s) {
        return mp4 != null ? mp4.source(s, storage.damaged(s.segmentId()))
                : new SegmentPayload(stream, s, storage.damaged(s.segmentId()));
    }

    /**
     * The SHA-256 of the stored copy as it reads now, for {@code then} on the camera's thread:
     * regenerated at once for a synthetic copy, read from the card on the video workers for an mp4 file.
     */
    public void ownCopySha256(SegmentManifest s, BiConsumer<String, Throwable> then) {
        if (mp4 != null) {
            mp4.sha256(s, storage.damaged(s.segmentId()), then);
        } else {
            then.accept(payload(s).sha256(), null);
        }
    }

    /** Deletes a verified segment from the card. */
    public void purge(SegmentManifest s) {
        storage.purge(s.segmentId());
        if (mp4 != null) {
            mp4.purged(s);
        }
        events.emit(new SegmentPurged(events.deviceId(), events.time(), s.segmentId()));
        flags.storage(storage);
    }

    /**
     * True while evidence waits for upload: a stored segment not held, or a closed one whose file is
     * still being written (mp4 mode).
     */
    public boolean evidenceWaiting() {
        return storage.queuedSegments() > storage.held().size() || writing() > 0;
    }

    /** Closed segments whose files are still being written (mp4 mode), not stored yet. */
    public int writing() {
        return mp4 == null ? 0 : mp4.writing();
    }
}
