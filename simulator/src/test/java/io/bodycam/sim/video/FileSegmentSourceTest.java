package io.bodycam.sim.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment file read for upload: on the video workers, never on the caller's thread. */
class FileSegmentSourceTest {

    @TempDir
    Path dir;

    private final VideoWorkers workers = VideoWorkers.manual();
    private final Recording alloc = new Recording();

    @Test
    void an_uploaders_read_runs_on_the_video_workers_and_hands_over_the_filled_buffer() throws Exception {
        byte[] bytes = file(10_000);
        FileSegmentSource source = new FileSegmentSource(dir.resolve("s.mp4"), bytes.length, false, workers);

        CompletableFuture<ByteBuf> read = source.read(4_000, 3_000, alloc).toCompletableFuture();
        assertTrue(source.deferred());
        assertFalse(read.isDone(), "nothing is read on the caller's thread");
        assertTrue(alloc.made.isEmpty(), "not even a buffer taken");
        assertEquals(1, workers.runQueued());

        ByteBuf chunk = read.getNow(null);
        assertArrayEquals(Arrays.copyOfRange(bytes, 4_000, 7_000), ByteBufUtil.getBytes(chunk));
        chunk.release();
    }

    @Test
    void a_damaged_copy_reads_its_middle_byte_flipped() throws Exception {
        byte[] bytes = file(1_000);
        FileSegmentSource source = new FileSegmentSource(dir.resolve("s.mp4"), bytes.length, true, workers);

        CompletableFuture<ByteBuf> read = source.read(0, 1_000, alloc).toCompletableFuture();
        workers.runQueued();

        byte[] got = ByteBufUtil.getBytes(read.getNow(null));
        read.getNow(null).release();
        bytes[500] ^= 0x5A;
        assertArrayEquals(bytes, got);
    }

    @Test
    void a_file_that_is_gone_fails_the_read_and_leaves_no_buffer_behind() {
        FileSegmentSource source = new FileSegmentSource(dir.resolve("gone.mp4"), 1_000, false, workers);

        CompletableFuture<ByteBuf> read = source.read(0, 1_000, alloc).toCompletableFuture();
        workers.runQueued();

        assertTrue(read.isCompletedExceptionally());
        assertEquals(1, alloc.made.size());
        assertEquals(0, alloc.made.get(0).refCnt(), "the buffer taken for the read is released");
    }

    private byte[] file(int n) throws Exception {
        byte[] bytes = new byte[n];
        new SplittableRandom(n).nextBytes(bytes);
        Files.write(dir.resolve("s.mp4"), bytes);
        return bytes;
    }

    /** Heap buffers, each kept so that a test can see whether it was released. */
    private static final class Recording extends AbstractByteBufAllocator {

        final List<ByteBuf> made = new CopyOnWriteArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            made.add(b);
            return b;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
