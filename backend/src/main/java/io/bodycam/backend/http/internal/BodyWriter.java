package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one PATCH body into its upload's {@link PartFile}, off the event loop and with backpressure:
 * while a write is on the disk pool the connection stops reading (auto-read off), the pieces that still
 * arrive from what was already read wait, and go out together in the next write once it ends; reading
 * resumes when the writes have caught up. Used on the connection's event loop only; a write's end is
 * handled back there.
 */
final class BodyWriter {

    private final PartFile file;
    private final Channel channel;
    private final List<ByteBuf> waiting = new ArrayList<>();
    private long waitingAt;
    private boolean writing;
    private boolean aborted;
    private Throwable failure;
    private CompletableFuture<Void> drained;

    BodyWriter(PartFile file, Channel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Queues {@code piece} (retained) for {@code position} in the file; ignored after a failure or an abort. */
    void write(long position, ByteBuf piece) {
        if (failure != null || aborted) {
            return;
        }
        if (waiting.isEmpty()) {
            waitingAt = position;
        }
        waiting.add(piece.retain());
        if (!writing) {
            flush();
        }
    }

    /** Why a write failed, or null: the PATCH cannot be committed. */
    Throwable failure() {
        return failure;
    }

    /** Completes once every piece queued is in the file, or fails with the first write that failed. */
    CompletableFuture<Void> drained() {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (!writing) {
            return CompletableFuture.completedFuture(null);
        }
        if (drained == null) {
            drained = new CompletableFuture<>();
        }
        return drained;
    }

    /** The body will not be committed: pieces not written yet are released; a write under way just ends. */
    void abort() {
        aborted = true;
        releaseWaiting();
    }

    private void flush() {
        List<ByteBuf> pieces = List.copyOf(waiting);
        waiting.clear();
        writing = true;
        channel.config().setAutoRead(false);
        file.write(waitingAt, pieces).whenComplete((v, error) -> {
            try {
                channel.eventLoop().execute(() -> {
                    pieces.forEach(ByteBuf::release);
                    written(error);
                });
            } catch (RejectedExecutionException closed) {
                // the server is closing: nobody waits for this body any more
                pieces.forEach(ByteBuf::release);
            }
        });
    }

    private void written(Throwable error) {
        writing = false;
        if (error != null && failure == null) {
            failure = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            releaseWaiting();
        }
        if (!waiting.isEmpty()) {
            flush();
            return;
        }
        channel.config().setAutoRead(true);
        if (drained != null) {
            CompletableFuture<Void> d = drained;
            drained = null;
            if (failure != null) {
                d.completeExceptionally(failure);
            } else {
                d.complete(null);
            }
        }
    }

    private void releaseWaiting() {
        waiting.forEach(ByteBuf::release);
        waiting.clear();
    }
}
