package io.bodycam.sim.recording;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The bytes of one segment, read by range so that an upload never holds more than a chunk or two: a
 * synthetic segment regenerates its deterministic bytes from an offset (CPU only, read inline), a file
 * on the camera's card is {@link #deferred()}: read on a worker pool, never on the camera's event loop.
 */
public interface ByteSource {

    /** Total number of bytes. */
    long length();

    /**
     * Writes the bytes {@code [offset, offset + length)} to {@code target} (at its writer index), on the
     * caller's thread: for a {@link #deferred()} source this waits for the disk, so an event loop asks
     * {@link #read(long, int, ByteBufAllocator)} instead. The same range always yields the same bytes, so
     * a resent chunk hashes the same.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, length())}
     */
    void read(long offset, int length, ByteBuf target);

    /**
     * The bytes {@code [offset, offset + length)} in a new buffer from {@code alloc}, without blocking the
     * caller. The stage completes with the filled buffer, which the caller then owns and must release; a
     * failed read leaves no buffer behind. Here the bytes are read at once on the caller's thread, so the
     * stage is complete on return; a {@link #deferred()} source reads them on a worker and completes there.
     */
    default CompletionStage<ByteBuf> read(long offset, int length, ByteBufAllocator alloc) {
        ByteBuf target = alloc.buffer(length);
        try {
            read(offset, length, target);
            return CompletableFuture.completedFuture(target);
        } catch (RuntimeException e) {
            target.release();
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether {@link #read(long, int, ByteBufAllocator)} completes later on another thread (the bytes are
     * on disk): an uploader then reads the next chunk while this one is on the wire. False by default.
     */
    default boolean deferred() {
        return false;
    }
}
