package io.bodycam.sim.upload;

/**
 * The backend's verdict on one segment, from {@code GET /evidence/{deviceId}/{segmentId}}
 * (docs/contract, "HTTP"). A camera deletes a segment only when {@link #confirms} its own hash.
 *
 * @param recordingId empty when the backend did not say
 * @param sha256      the hash of the bytes the backend holds; empty when it holds none (incomplete, unknown)
 */
public record Verification(String deviceId, String segmentId, Status status, String recordingId, String sha256,
                           long bytes, int copies) {

    /** What the backend holds for a segment. */
    public enum Status {
        /** Complete and its bytes hash to the declared SHA-256. */
        VERIFIED,
        /** Complete but its bytes do not hash to the declared SHA-256: quarantined. */
        CORRUPT,
        /** An upload exists but has not finished. */
        INCOMPLETE,
        /** Never uploaded ({@code 404}). */
        UNKNOWN,
        /**
         * Uploaded, but nothing can prove the stored copy (a link whose proof cannot speak, see
         * {@code io.bodycam.sim.link.Proof}): keep the segment and do not upload it again.
         */
        UNPROVABLE
    }

    /** The verdict for a segment the backend has never seen. */
    public static Verification unknown(String deviceId, String segmentId) {
        return new Verification(deviceId, segmentId, Status.UNKNOWN, "", "", 0, 0);
    }

    /** True when the backend holds a verified copy whose hash is {@code sha256Hex}. */
    public boolean confirms(String sha256Hex) {
        return status == Status.VERIFIED && sha256.equalsIgnoreCase(sha256Hex);
    }
}
