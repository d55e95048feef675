package io.bodycam.sim.upload.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request of an {@link HttpConnection} and what has come back of its answer so far. Touched on the
 * connection's event loop only.
 */
final class Exchange {

    final Function<ByteBufAllocator, ? extends HttpRequest> request;
    /** The streamed body, or null when {@link #request} builds a full request. */
    final OutgoingBody body;
    /** How the answer's body is taken, or null to gather it. */
    final ReplyStream stream;
    final CompletableFuture<HttpReply> reply = new CompletableFuture<>();
    ScheduledFuture<?> timeout;
    boolean retryIfStale;
    boolean retried;
    /** The streamed body has been written to its end. */
    boolean bodySent;
    /** The streamed body waits for the channel to become writable again. */
    boolean awaitingWritable;
    int status;
    HttpHeaders headers;
    boolean keepAlive;
    Consumer<ByteBuf> sink;
    ByteArrayOutputStream gathered;

    Exchange(Function<ByteBufAllocator, ? extends HttpRequest> request, OutgoingBody body, ReplyStream stream) {
        this.request = request;
        this.body = body;
        this.stream = stream;
    }

    /** Whether the answer's head has arrived. */
    boolean answering() {
        return headers != null;
    }

    /** Forgets a partial answer, for a resend on a new connection. */
    void restart() {
        status = 0;
        headers = null;
        sink = null;
        gathered = null;
        bodySent = false;
        awaitingWritable = false;
    }
}
