package io.bodycam.sim.upload;

import io.bodycam.sim.recording.ByteSource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.UploadException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tus client reading a deferred source (a file, read on workers): one chunk ahead, a read that
 * fails, a read that ends after the upload did, and who releases each buffer.
 */
class TusClientDeferredReadsTest {

    private static final int CHUNK = 1000;
    private static final String SHA = "0".repeat(64);

    private ScriptedTusServer server;
    private EventLoopGroup group;
    private TusClient client;
    private final SlowDisk source = new SlowDisk(3 * CHUNK);

    @BeforeEach
    void start() throws InterruptedException {
        server = new ScriptedTusServer();
        group = Transport.best().newGroup(1);
        EventLoop loop = group.next();
        client = new TusClient(TusClientConfig.builder().endpoint(server.uri()).chunkSize(CHUNK).build(), loop,
                Transport.best(), WallClock.startingAt(0, 1000, TimerLagListener.NONE).scheduler(loop),
                new java.util.SplittableRandom(1));
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void the_next_chunk_is_read_while_the_current_one_is_on_its_way() throws Exception {
        CompletableFuture<UploadOutcome> upload = client.upload(request());
        await().atMost(Duration.ofSeconds(5)).until(() -> source.asked().size() == 2);
        assertEquals("0+1000, 1000+1000", source.log(), "the first chunk and the one after it");
        assertEquals("POST /files/", log(), "nothing is sent before its chunk is read");

        source.complete(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> source.asked().size() == 3);
        assertEquals("0+1000, 1000+1000, 2000+1000", source.log());
        assertEquals("POST /files/, PATCH /files/u1 @0 +1000", log());
        source.complete(1);
        source.complete(2);

        assertEquals(3 * CHUNK, upload.get(5, TimeUnit.SECONDS).bytesSent());
        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, PATCH /files/u1 @1000 +1000, PATCH /files/u1 @2000 +1000", log());
        await().atMost(Duration.ofSeconds(5)).until(source::allReleased);
    }

    @Test
    void a_chunk_that_cannot_be_read_fails_the_upload_as_read_failed_with_nothing_of_it_sent() throws Exception {
        CompletableFuture<UploadOutcome> upload = client.upload(request());
        await().atMost(Duration.ofSeconds(5)).until(() -> source.asked().size() == 2);

        source.fail(0, new UncheckedIOException(new java.io.IOException("card removed")));

        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.get(5, TimeUnit.SECONDS));
        UploadException failure = assertInstanceOf(UploadException.class, e.getCause());
        assertEquals(Kind.READ_FAILED, failure.kind(), failure::toString);
        assertTrue(failure.getMessage().contains("card removed"), failure.getMessage());
        assertEquals("POST /files/", log());
        source.complete(1);
        assertTrue(source.allReleased(), "the chunk read ahead is released once its read is done");
    }

    @Test
    void reads_that_end_after_the_upload_was_cancelled_are_released_and_nothing_is_sent() throws Exception {
        CompletableFuture<UploadOutcome> upload = client.upload(request());
        await().atMost(Duration.ofSeconds(5)).until(() -> source.asked().size() == 2);

        client.cancel("S-1");
        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.get(5, TimeUnit.SECONDS));
        assertEquals(Kind.CLOSED, assertInstanceOf(UploadException.class, e.getCause()).kind());
        source.complete(0);
        source.complete(1);

        await().atMost(Duration.ofSeconds(5)).until(source::allReleased);
        assertEquals("POST /files/", log(), "nothing sent after the cancel");
    }

    @Test
    void a_chunk_read_while_the_network_went_away_is_released_and_the_upload_is_interrupted() throws Exception {
        CompletableFuture<UploadOutcome> upload = client.upload(request());
        await().atMost(Duration.ofSeconds(5)).until(() -> source.asked().size() == 2);
        source.complete(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.seen().size() == 2);

        client.interrupt("undocked");
        source.complete(1);

        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.get(5, TimeUnit.SECONDS));
        assertEquals(Kind.INTERRUPTED, assertInstanceOf(UploadException.class, e.getCause()).kind());
        await().atMost(Duration.ofSeconds(5)).until(source::allReleased);
        assertFalse(log().contains("@1000"), log());
    }

    private UploadRequest request() {
        return new UploadRequest("S-1", Map.of("deviceId", "IPD-1", "segmentId", "S-1"), source, SHA);
    }

    private String log() {
        return server.seen().stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** A deferred source whose reads complete (or fail) when the test says, off the client's loop. */
    private static final class SlowDisk implements ByteSource {

        record Ask(long offset, int length, ByteBufAllocator alloc, CompletableFuture<ByteBuf> done) {
        }

        private final long length;
        private final List<Ask> asked = new CopyOnWriteArrayList<>();
        private final List<ByteBuf> handedOut = new CopyOnWriteArrayList<>();

        SlowDisk(long length) {
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void read(long offset, int n, ByteBuf target) {
            throw new AssertionError("an uploader must not read a deferred source on its thread");
        }

        @Override
        public CompletionStage<ByteBuf> read(long offset, int n, ByteBufAllocator alloc) {
            Ask ask = new Ask(offset, n, alloc, new CompletableFuture<>());
            asked.add(ask);
            return ask.done();
        }

        @Override
        public boolean deferred() {
            return true;
        }

        List<Ask> asked() {
            return asked;
        }

        String log() {
            return asked.stream().map(a -> a.offset() + "+" + a.length()).collect(Collectors.joining(", "));
        }

        void complete(int index) {
            Ask ask = asked.get(index);
            ByteBuf b = ask.alloc().buffer(ask.length());
            b.writeZero(ask.length());
            handedOut.add(b);
            ask.done().complete(b);
        }

        void fail(int index, RuntimeException why) {
            asked.get(index).done().completeExceptionally(why);
        }

        boolean allReleased() {
            return handedOut.stream().allMatch(b -> b.refCnt() == 0);
        }
    }
}
