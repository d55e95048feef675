package io.bodycam.sim.upload.internal;

import io.netty.buffer.ByteBuf;
import java.util.function.BiConsumer;

/**
 * A request body that {@link HttpConnection} streams piece by piece instead of holding it whole (an S3
 * part of several MiB, a whole segment): the connection asks for the next piece once the previous one
 * is written and the channel can take more, so memory stays at a piece or two however large the body.
 */
public interface OutgoingBody {

    /** Bytes in the whole body: the request's {@code Content-Length}. */
    long length();

    /**
     * Hands {@code then}, on the connection's event loop, the next piece (which then belongs to the
     * connection), {@code null} after the last one, or why the next piece cannot be had. The body may
     * wait before answering (pacing in virtual time, a read on the camera's disk workers).
     */
    void next(BiConsumer<ByteBuf, Throwable> then);

    /** The request ended (answered, failed or abandoned): let go of whatever is held or still coming. */
    void close();
}
