package io.bodycam.backend.http;

/** The backend's verdict on one segment (docs/contract, {@code GET /evidence/...}). */
public enum EvidenceStatus {
    /** An upload of it exists, none has finished. */
    INCOMPLETE,
    /** Complete and its bytes hash to the declared SHA-256. */
    VERIFIED,
    /** Complete but its bytes do not hash to the declared SHA-256: quarantined, not accepted. */
    CORRUPT;

    /** The contract's spelling: lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
