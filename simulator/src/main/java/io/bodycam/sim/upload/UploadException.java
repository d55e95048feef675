package io.bodycam.sim.upload;

import java.util.OptionalInt;

/**
 * Why a request to the evidence backend failed, delivered as the failure of the caller's future
 * (never thrown on the event loop). {@link #status()} is the HTTP status when the server answered.
 */
public final class UploadException extends Exception {

    /** What went wrong, coarse enough for a camera to decide what to do next. */
    public enum Kind {
        /** No TCP connection could be opened. */
        CONNECT_FAILED,
        /** The connection broke before the answer arrived. */
        CONNECTION_LOST,
        /** No answer within the request timeout; the connection was closed (tus 1.0.0, "PATCH"). */
        TIMEOUT,
        /** The server answered 5xx. */
        SERVER_ERROR,
        /** The server refused the request with a 4xx that retrying does not fix. */
        REJECTED,
        /** The server answered something this client cannot read (missing header, bad JSON). */
        PROTOCOL_ERROR,
        /** An upload failed on every attempt allowed; the cause is the last failure. */
        GAVE_UP,
        /** The client was closed before the request finished. */
        CLOSED,
        /**
         * The segment's own bytes could not be read (its file on the card is gone or unreadable, or the
         * workers that read it refused the job): nothing of the chunk was sent, the upload URL is kept.
         */
        READ_FAILED,
        /**
         * The camera lost its network (reboot, power loss, out of the dock) while the request ran; a later
         * upload of the same segment resumes from the server's offset.
         */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;

    public UploadException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    /** {@code status} 0 when there was no HTTP answer. */
    public UploadException(Kind kind, int status, String message, Throwable cause) {
        super(kind + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer that caused this, if there was one. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
