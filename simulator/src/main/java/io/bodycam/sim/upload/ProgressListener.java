package io.bodycam.sim.upload;

/**
 * Hears how much of an upload the server holds: called each time the server accepted a piece of it (a
 * tus {@code PATCH} answered with its new {@code Upload-Offset}, a completed S3 part). Called on the
 * client's event loop: it must not block, and a camera hops to its own scheduler before touching its
 * state. Protocols that send a segment whole in one request (plain PUT, Swift, an S3 PutObject) never
 * call it.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = (committed, total) -> { };

    /**
     * The server now holds {@code committed} of the upload's {@code total} bytes (for tus, the offset it
     * answered; for S3, the bytes of the parts it holds).
     */
    void committed(long committed, long total);
}
