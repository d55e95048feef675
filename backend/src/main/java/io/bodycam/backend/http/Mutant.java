package io.bodycam.backend.http;

/**
 * A deliberate defect the reference backend can be started with, each breaking exactly one clause of the
 * device contract: the conformance kit is proven by finding every one (docs/conformance.md, mutation
 * score). Never on unless a test or {@code bodycam conform --mutant} asks for it.
 */
public enum Mutant {
    /** A chunk whose {@code Upload-Checksum} does not match is committed anyway (tus "Checksum": must answer 460). */
    ACCEPTS_WRONG_CHECKSUM,
    /** {@code HEAD} tells offset 0 whatever was committed (tus "HEAD": must tell the offset reached). */
    STALE_HEAD_OFFSET,
    /** {@code HEAD} answers without {@code Cache-Control: no-store}, so a proxy may serve an old offset. */
    CACHEABLE_HEAD,
    /** A {@code PATCH} at the wrong offset is answered 204 (and dropped) instead of 409. */
    SWALLOWS_OFFSET_MISMATCH,
    /** A second complete upload of a verified segment is kept as a second copy. */
    KEEPS_DUPLICATES,
    /** A segment whose bytes hash otherwise than declared is called verified. */
    VERIFIES_CORRUPT,
    /** A creation whose {@code Upload-Length} exceeds the announced {@code Tus-Max-Size} is accepted (tus "Creation": must answer 413). */
    IGNORES_MAX_SIZE,
    /** A PATCH body that runs past the upload's {@code Upload-Length} is taken whole, up to the PATCH limit. */
    OVERRUNS_UPLOAD_LENGTH,
    /** No request-head deadline: a client that trickles its head holds the connection as long as it likes. */
    NO_HEAD_DEADLINE,
    /** {@code GET /time} answers the clock an hour ahead. */
    SKEWED_TIME,
    /** {@code GET /firmware/{version}} ignores {@code Range} and answers the whole image (up to 1 MiB) with 200. */
    IGNORES_RANGE,
    /** {@code GET /firmware/{version}} serves the copy with one byte changed, under the genuine signed offer. */
    TAMPERED_FIRMWARE,
    /**
     * Broker-side: the embedded broker keeps its state in memory instead of on disk, so a restart forgets
     * every retained status (the contract: retained messages survive a broker restart). The evidence
     * server ignores it; whoever builds the broker asks {@link #brokerSide()}.
     */
    FORGETS_RETAINED;

    /** True for the defects of the broker rather than of the evidence server. */
    public boolean brokerSide() {
        return this == FORGETS_RETAINED;
    }
}
