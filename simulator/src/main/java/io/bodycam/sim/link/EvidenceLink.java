package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;

import java.util.concurrent.CompletionStage;

/**
 * The camera's HTTP side as the firmware sees it: time sync, configuration, resumable upload and the
 * proof of a segment's stored copy. Implemented per upload protocol ({@link TusEvidenceLink},
 * {@link S3EvidenceLink}, {@link SwiftEvidenceLink}, {@link PutEvidenceLink}) and by a fake on the manual
 * clock in unit tests. Results may complete on any thread; the firmware hops
 * back to its own.
 */
public interface EvidenceLink {

    /** {@code GET /time}: the backend's clock, and the round trip it took (virtual ms). */
    CompletionStage<TimeSample> time();

    /** {@code GET /devices/{id}/config}. */
    CompletionStage<DeviceConfigResponse> config();

    /**
     * Uploads a segment, resuming an unfinished earlier upload of it when there is one (a finished one
     * is not resumed: uploading again after a corrupt verdict starts afresh). Completes with the number
     * of bytes sent by this call. {@code progress} hears, on any thread, how much of the segment the
     * server holds each time it accepted a piece: every tus chunk, every part of an S3 multipart upload;
     * a plain PUT, a Swift clip and an S3 PutObject go in one request and tell it nothing.
     */
    CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress);

    /** As {@link #upload(SegmentManifest, SegmentSource, ProgressListener)}, heard by nobody. */
    default CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload) {
        return upload(segment, payload, ProgressListener.NONE);
    }

    /**
     * Whether the backend's copy of the segment is proved, in the reference contract's terms: the
     * backend's own verdict ({@code GET /evidence/{deviceId}/{segmentId}}), or the link's
     * {@linkplain #prove proof} told as one.
     */
    CompletionStage<Verification> verify(SegmentManifest segment);

    /**
     * What the link's {@link Proof} says about the segment's stored copy: delete it, upload it afresh,
     * keep it and never upload it again, or upload it. A link never sends a completed upload again
     * unless this said the copy is bad. By default the reference verdict of {@link #verify}, judged.
     */
    default CompletionStage<ProofVerdict> prove(SegmentManifest segment) {
        return verify(segment).thenApply(v -> TusEvidenceLink.judge(segment, v));
    }

    /**
     * The camera's network is gone (it rebooted, lost power or left its dock): whatever is in flight
     * stops at once and its future fails. A later {@link #upload} of an unfinished segment resumes it.
     */
    void interrupt(String reason);

    /**
     * The camera has nothing more to send for now (its dock stay went idle): the link gives back its
     * connections once nothing is in flight on them, and opens new ones for the next request.
     */
    void disconnectIdle();

    /**
     * As {@link #upload(SegmentManifest, SegmentSource, ProgressListener)}, over the camera's LTE radio
     * instead of the dock (a priority upload of the latest recording [S11]): paced by the LTE bandwidth
     * only.
     */
    CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress);

    /** As {@link #uploadOverLte(SegmentManifest, SegmentSource, ProgressListener)}, heard by nobody. */
    default CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload) {
        return uploadOverLte(segment, payload, ProgressListener.NONE);
    }

    /** Stops a running upload of {@code segment}, if any; a later upload of it resumes where it stopped. */
    void cancelUpload(SegmentManifest segment);

    /**
     * Bytes {@code offset .. offset + length - 1} of the firmware image at {@code path} (below the
     * backend's base, from the offer), over the dock's link: {@code GET} with {@code Range}.
     */
    CompletionStage<byte[]> firmware(String path, long offset, int length);
}
