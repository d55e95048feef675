package io.bodycam.sim.upload.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * Decides, when an answer's head arrives, whether its body streams to a consumer (a read-back that
 * hashes a stored object as it arrives) or is gathered whole into the {@link HttpReply} as usual (a
 * small error or JSON answer).
 */
@FunctionalInterface
public interface ReplyStream {

    /**
     * @return the consumer of the body's pieces, each read on the event loop and released after the
     *     call (copy what must outlive it); {@code null} to gather the body into the reply instead
     */
    Consumer<ByteBuf> open(int status, HttpHeaders headers);
}
