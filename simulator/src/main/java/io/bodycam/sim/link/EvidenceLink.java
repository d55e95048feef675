package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentPayload;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The camera's HTTP side as the firmware sees it: time sync, configuration, resumable upload and the
 * backend's verdict on a segment. Implemented over a tus client in a run and by a fake on the manual
 * clock in unit tests. Results may complete on any thread; the firmware hops back to its own.
 */
public interface EvidenceLink {

    /** {@code GET /time}: the backend's clock, and the round trip it took (virtual ms). */
    CompletionStage<TimeSample> time();

    /** {@code GET /devices/{id}/config}. */
    CompletionStage<RemoteConfig> config();

    /**
     * Uploads a segment, resuming an earlier partial upload of it when there is one; {@code fresh}
     * forgets any earlier upload and starts a new one (after the backend judged the last one corrupt).
     * Completes with the number of bytes sent by this call.
     */
    CompletionStage<Long> upload(SegmentManifest segment, SegmentPayload payload, boolean fresh);

    /** {@code GET /evidence/{deviceId}/{segmentId}}: what the backend holds for this segment. */
    CompletionStage<Verdict> verify(SegmentManifest segment);

    /** The backend's clock at the moment it answered, and the request's round-trip time. */
    record TimeSample(long serverEpochMillis, long roundTripMillis) {
    }

    /** Configuration the backend holds for this camera, keys as in the {@code setConfig} command. */
    record RemoteConfig(long version, Map<String, String> values) {
    }

    /** The backend's verdict on one segment. */
    record Verdict(Status status, String sha256, long bytes, int copies) {
        public enum Status { VERIFIED, CORRUPT, INCOMPLETE, UNKNOWN }
    }
}
