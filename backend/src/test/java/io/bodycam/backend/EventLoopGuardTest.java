package io.bodycam.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.EventLoopGuard;
import io.bodycam.sim.video.VideoWorkers;
import io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard itself: a file read on a Netty event loop is caught, the same read on a video worker is not. */
@EventLoopGuard.Guarded
class EventLoopGuardTest {

    @TempDir
    Path dir;

    private final EventLoopGroup group = Transport.best().newGroup(1);
    private final VideoWorkers workers = new VideoWorkers(1, 10);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.close();
    }

    @Test
    void opening_and_reading_a_file_on_an_event_loop_is_caught_with_where_it_happened() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[100]);

        group.submit(() -> read(file)).get(5, TimeUnit.SECONDS);

        List<EventLoopGuard.Blocked> caught = EventLoopGuard.takeBlocked();
        assertEquals(List.of("sun.nio.fs.UnixNativeDispatcher.open0", "sun.nio.ch.FileDispatcherImpl.pread0"),
                caught.stream().map(EventLoopGuard.Blocked::method).toList(), caught.toString());
        assertEquals(EventLoopGuardTest.class.getName(), caught.get(1).stack().get(0).replaceAll("\\.read\\(.*", ""),
                "the first frame of ours is the reader: " + caught.get(1));
    }

    @Test
    void the_same_read_on_a_video_worker_is_fine() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[100]);

        workers.submit(() -> read(file)).get(5, TimeUnit.SECONDS);

        assertEquals(List.of(), EventLoopGuard.takeBlocked());
    }

    private static int read(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            return ch.read(ByteBuffer.allocate(10), 0);
        }
    }
}
