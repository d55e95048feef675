package io.bodycam.sim.upload.internal;

import io.bodycam.sim.recording.ByteSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Reads an upload's chunks from a {@link ByteSource#deferred() deferred} source (a file on the camera's
 * card) one chunk ahead: when the uploader takes chunk k, chunk k + 1 starts reading on the source's
 * workers, so it is ready by the time chunk k is committed and the hop off the event loop does not slow
 * the upload. Besides the chunks it hands out it holds at most that one, released when the upload ends
 * or resumes elsewhere (at once, or when its read completes). Used on the camera's event loop only, and
 * answers there.
 */
public final class ChunkReader {

    private final ByteSource source;
    private final int chunkSize;
    private final ByteBufAllocator alloc;
    private final LoopTimers loop;
    private long aheadAt = -1;
    private int aheadLength;
    private CompletableFuture<ByteBuf> ahead;

    public ChunkReader(ByteSource source, int chunkSize, ByteBufAllocator alloc, LoopTimers loop) {
        this.source = source;
        this.chunkSize = chunkSize;
        this.alloc = alloc;
        this.loop = loop;
    }

    /**
     * Hands {@code then}, on the loop, the chunk {@code [at, at + length)} (which then belongs to it) or
     * why it could not be read: the one read ahead when it is that one, else a fresh read; and starts
     * reading the chunk after it. If the loop has shut down meanwhile, the chunk is released instead.
     */
    public void take(long at, int length, BiConsumer<ByteBuf, Throwable> then) {
        CompletableFuture<ByteBuf> chunk;
        if (ahead != null && aheadAt == at && aheadLength == length) {
            chunk = ahead;
            ahead = null;
        } else {
            close();
            chunk = read(at, length);
        }
        long next = at + length;
        if (next < source.length()) {
            aheadAt = next;
            aheadLength = (int) Math.min(chunkSize, source.length() - next);
            ahead = read(aheadAt, aheadLength);
        }
        chunk.whenComplete((body, error) -> {
            try {
                loop.onLoop(() -> then.accept(body, error));
            } catch (RejectedExecutionException gone) {
                if (body != null) {
                    body.release();
                }
            }
        });
    }

    /** Drops the chunk read ahead, if any: its buffer is released once its read is done. */
    public void close() {
        if (ahead != null) {
            ahead.thenAccept(ByteBuf::release);
            ahead = null;
        }
    }

    private CompletableFuture<ByteBuf> read(long at, int length) {
        try {
            return source.read(at, length, alloc).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
