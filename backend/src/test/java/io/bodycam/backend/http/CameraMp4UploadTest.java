package io.bodycam.backend.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.link.TusEvidenceLink;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.EventLoopGuard;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.video.SegmentCard;
import io.bodycam.sim.video.SegmentWriter;
import io.bodycam.sim.video.VideoFormat;
import io.bodycam.sim.video.VideoWorkers;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera filming real MP4 segments docks and uploads them over tus, on real sockets, to the evidence
 * server storing and checking each file on arrival: every file on either side is read, written, moved
 * and deleted off the event loops (the test fails if one of them blocks).
 */
@EventLoopGuard.Guarded
class CameraMp4UploadTest {

    /** Virtual time 100 times faster than the wall: a 10 s segment is written every 100 ms. */
    private static final double SPEED = 100;

    @TempDir
    Path dir;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private final List<CameraEvent> events = new CopyOnWriteArrayList<>();
    private EvidenceServer server;
    private EventLoopGroup group;
    private VideoWorkers workers;
    private TusEvidenceLink link;
    private Camera camera;

    @BeforeEach
    void start() {
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), SPEED, TimerLagListener.NONE);
        server = new EvidenceServer(clock, ledger, new DeviceConfigStore(), EvidenceServerConfig.builder().threads(1)
                .mp4Checks(dir.resolve("evidence"), true).build()).start();
        group = Transport.best().newGroup(1);
        EventLoop loop = group.next();
        Scheduler scheduler = clock.scheduler(loop);
        VideoFormat format = TestClips.small();
        workers = new VideoWorkers(2, 1_000);
        SegmentCard card = new SegmentCard(dir.resolve("card"), new SegmentWriter(TestClips.library(format), format), workers);
        CameraConfig config = CameraConfig.builder("IPD-0001").seed(7).segmentLength(Duration.ofSeconds(10))
                .preEvent(Duration.ofSeconds(5)).build();
        TusClient client = new TusClient(TusClientConfig.builder().endpoint(server.uri()).chunkSize(64 * 1024)
                .requestTimeout(Duration.ofSeconds(5)).build(), loop, Transport.best(), scheduler, new SplittableRandom(7));
        link = new TusEvidenceLink(client, config.deviceId(), config.officer());
        camera = new Camera(config, scheduler, h -> new RecordingTelemetry(scheduler, h), link, events::add, card);
        camera.powerOn();
        await().atMost(Duration.ofSeconds(10)).until(() -> camera.snapshot().join().mode() == Mode.READY_BUFFERING);
    }

    @AfterEach
    void stop() {
        camera.powerOff();
        link.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
        workers.close();
    }

    @Test
    void every_segment_file_is_uploaded_verified_and_purged_without_blocking_an_event_loop() throws Exception {
        camera.trigger(Trigger.BUTTON);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("segment.closed") >= 3);
        camera.stopRecording();
        await().atMost(Duration.ofSeconds(10)).until(() -> camera.snapshot().join().writing() == 0);
        int segments = count("segment.closed");

        camera.dock();

        await().atMost(Duration.ofSeconds(30)).until(() -> count("segment.purged") == segments);
        assertEquals(segments, ledger.snapshot().counters().verified(), ledger.snapshot().toString());
        assertEquals(0, ledger.snapshot().counters().corrupt(), ledger.snapshot().toString());
        try (var kept = Files.walk(dir.resolve("evidence"))) {
            assertEquals(segments, kept.filter(p -> p.toString().endsWith(".mp4")).count(), "every file kept on the server");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (var left = Files.list(dir.resolve("card"))) {
                return left.findAny().isEmpty();
            }
        });
        assertTrue(events.stream().noneMatch(e -> e.type().equals("upload.failed")), events.toString());
    }

    private int count(String type) {
        return (int) events.stream().filter(e -> e.type().equals(type)).count();
    }
}
