package io.bodycam.sim.upload;

import io.bodycam.sim.recording.ByteSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A source in memory is read inline: its asynchronous read is complete when it returns. */
class InMemoryByteSourceTest {

    private final ByteSource source = new InMemoryByteSource(new byte[] {1, 2, 3, 4, 5});

    @Test
    void a_read_completes_before_it_returns_with_the_bytes_of_the_range() {
        CompletableFuture<ByteBuf> read = source.read(1, 3, UnpooledByteBufAllocator.DEFAULT).toCompletableFuture();

        assertFalse(source.deferred());
        assertTrue(read.isDone());
        assertArrayEquals(new byte[] {2, 3, 4}, ByteBufUtil.getBytes(read.join()));
        read.join().release();
    }

    @Test
    void a_range_outside_the_bytes_fails_the_read() {
        assertTrue(source.read(3, 3, UnpooledByteBufAllocator.DEFAULT).toCompletableFuture().isCompletedExceptionally());
    }
}
