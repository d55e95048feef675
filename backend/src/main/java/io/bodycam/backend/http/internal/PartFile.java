package io.bodycam.backend.http.internal;

import io.bodycam.sim.video.VideoWorkers;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The file one upload streams into (in mp4 mode, or when the server stores what it receives), touched
 * only on the server's disk pool: each job (open, write, close, delete) starts after the previous one of this file has ended, so
 * a PATCH's bytes land in order and after those of an earlier PATCH of the same upload, and the file is
 * closed or deleted only after its last write. Once closed or deleted it is finished: a late write (a
 * PATCH on a lingering connection, which cannot commit any more) is dropped. Jobs may be asked from any
 * thread.
 */
final class PartFile {

    private final Path path;
    private final VideoWorkers disk;
    /** Open between the first job and close(); touched by the jobs only, which never overlap. */
    private FileChannel channel;
    /** Closed for the check on arrival, or deleted; touched by the jobs only. */
    private boolean finished;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    /** @param disk the bounded pool every job of this file runs on */
    PartFile(Path path, VideoWorkers disk) {
        this.path = path;
        this.disk = disk;
    }

    Path path() {
        return path;
    }

    /** Creates and opens the file (it exists from the upload's creation on, as a started upload). */
    CompletableFuture<Void> open() {
        return then(() -> {
            if (!finished) {
                channel();
            }
            return null;
        });
    }

    /**
     * Writes {@code pieces} one after the other from {@code position}; completes once they are in the file
     * (the page cache). The pieces stay the caller's to release once this completes (on its event loop: a
     * disk thread that frees pooled buffers contends with the loops for the allocator's locks).
     */
    CompletableFuture<Void> write(long position, List<ByteBuf> pieces) {
        return then(() -> {
            if (finished) {
                return null;
            }
            FileChannel ch = channel();
            long at = position;
            for (ByteBuf piece : pieces) {
                for (ByteBuffer b : piece.nioBuffers()) {
                    while (b.hasRemaining()) {
                        at += ch.write(b, at);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Appends the bytes of {@code sources}, one after the other, after what the file holds (an S3 object made
     * of its parts); the sources are left as they are.
     */
    CompletableFuture<Void> append(List<Path> sources) {
        return then(() -> {
            FileChannel ch = channel();
            ch.position(ch.size());
            for (Path source : sources) {
                try (FileChannel in = FileChannel.open(source)) {
                    long length = in.size();
                    long done = 0;
                    while (done < length) {
                        done += in.transferTo(done, length - done, ch);
                    }
                }
            }
            return null;
        });
    }

    /** Closes the file (creating it empty if nothing was ever written), for the check on arrival. */
    CompletableFuture<Void> close() {
        return then(() -> {
            finished = true;
            channel().close();
            channel = null;
            return null;
        });
    }

    /** Closes and deletes the file (the upload was terminated). */
    CompletableFuture<Void> delete() {
        return then(() -> {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            finished = true;
            Files.deleteIfExists(path);
            return null;
        });
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            try {
                Files.createDirectories(path.getParent());
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store an upload at " + path + ": " + e.getMessage(), e);
            }
        }
        return channel;
    }

    /** Runs {@code job} on the disk pool once every earlier job of this file has ended (well or not). */
    private synchronized <T> CompletableFuture<T> then(Callable<T> job) {
        CompletableFuture<T> next = last.handle((v, error) -> null).thenCompose(v -> disk.submit(job));
        last = next;
        return next;
    }
}
