package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.upload.Verification;

/**
 * What a link's {@link Proof} says about a segment's stored copy, which is all a camera needs to decide:
 * {@link Proved} delete it; {@link ProvedBad} upload it afresh; {@link Unprovable} keep it and never
 * upload it again; {@link NotStored} upload (or resume) it.
 */
public sealed interface ProofVerdict {

    /** The proof that spoke ({@code null} for {@link NotStored}, where no proof ran). */
    Proof proof();

    /** One line for events and logs. */
    String detail();

    /** The stored copy hashes to the segment's SHA-256: the camera may delete its own. */
    record Proved(Proof proof, String sha256, String detail) implements ProofVerdict {
    }

    /**
     * The stored copy is positively wrong (its bytes hash to {@code sha256}, not the segment's): the link
     * will send the segment afresh on the next upload.
     */
    record ProvedBad(Proof proof, String sha256, String detail) implements ProofVerdict {
    }

    /**
     * The upload completed but nothing can prove the copy (no proof configured, a server that offers no
     * checksum or does not serve objects back): keep the segment, and never upload it again.
     */
    record Unprovable(Proof proof, String detail) implements ProofVerdict {
    }

    /** The server holds no complete copy that this link knows of: upload, or resume, the segment. */
    record NotStored(String detail) implements ProofVerdict {
        @Override
        public Proof proof() {
            return null;
        }
    }

    /**
     * The verdict in the reference contract's terms, for a camera that reads {@link Verification}s:
     * proved is {@code VERIFIED} with the hash, proved bad is {@code CORRUPT} with the hash read (empty
     * when none), unprovable is {@code UNPROVABLE}, not stored is {@code UNKNOWN}.
     */
    default Verification asVerification(SegmentManifest s) {
        if (this instanceof Proved p) {
            return new Verification(s.deviceId(), s.segmentId(), Verification.Status.VERIFIED, s.recordingId(),
                    p.sha256(), s.bytes(), 1);
        }
        if (this instanceof ProvedBad b) {
            return new Verification(s.deviceId(), s.segmentId(), Verification.Status.CORRUPT, s.recordingId(),
                    b.sha256(), s.bytes(), 1);
        }
        if (this instanceof Unprovable) {
            return new Verification(s.deviceId(), s.segmentId(), Verification.Status.UNPROVABLE, s.recordingId(), "",
                    s.bytes(), 1);
        }
        return Verification.unknown(s.deviceId(), s.segmentId());
    }
}
