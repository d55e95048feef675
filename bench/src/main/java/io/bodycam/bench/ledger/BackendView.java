package io.bodycam.bench.ledger;

import java.util.Optional;
import java.util.Set;

/**
 * The backend's side of the evidence ledger, as the bench can see it: the embedded backend's ledger
 * directly, an external backend through {@code GET /evidence/{deviceId}/{segmentId}}, a foreign store read
 * back by the bench itself, or the cameras' own proofs where nothing else can be read.
 */
public interface BackendView {

    /** What the backend holds for one segment, if anything. */
    Optional<Held> lookup(String deviceId, String segmentId);

    /** Every (deviceId, segmentId) the backend holds, when it can list them; empty when it cannot. */
    Optional<Set<String>> allKeys();

    /** How this view's figures are proved, in words for the run's summary ({@code evidence.method}). */
    String method();

    /**
     * @param verified true when the backend's bytes hash to the SHA-256 declared at upload
     * @param sha256   the hash of the bytes the backend received
     * @param copies   accepted copies (more than one is a duplicate)
     * @param corruptReason why the backend calls its copy corrupt (it may hold the declared bytes and
     *                      still refuse them: an MP4 failing the check on arrival), or null
     */
    record Held(boolean verified, String sha256, int copies, String corruptReason) {

        public Held(boolean verified, String sha256, int copies) {
            this(verified, sha256, copies, null);
        }
    }

    /** The key {@link #allKeys()} uses for a segment. */
    static String key(String deviceId, String segmentId) {
        return deviceId + '/' + segmentId;
    }
}
