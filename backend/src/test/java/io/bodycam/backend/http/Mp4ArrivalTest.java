package io.bodycam.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadRequest;
import io.bodycam.sim.upload.Verification;
import io.bodycam.sim.video.FileSegmentSource;
import io.bodycam.sim.video.SegmentSpec;
import io.bodycam.sim.video.SegmentWriter;
import io.bodycam.sim.video.VideoWorkers;
import io.bodycam.sim.video.WrittenSegment;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference evidence server in mp4 mode: each upload is probed on arrival before its verdict. */
class Mp4ArrivalTest {

    private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");

    @TempDir
    Path dir;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private EvidenceServer server;
    private EventLoopGroup group;
    private TusClient client;
    private SegmentWriter writer;
    private final VideoWorkers workers = new VideoWorkers(1, 100);

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(NOW), ledger, new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).mp4Checks(dir.resolve("evidence"), true).build()).start();
        group = Transport.best().newGroup(1);
        var loop = group.next();
        client = new TusClient(TusClientConfig.builder().endpoint(server.uri()).chunkSize(256 * 1024).build(), loop,
                Transport.best(), WallClock.startingAt(NOW.toEpochMilli(), 1000, TimerLagListener.NONE).scheduler(loop),
                new SplittableRandom(1));
        writer = new SegmentWriter(TestClips.library(TestClips.small()));
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
        workers.close();
    }

    @Test
    void a_good_segment_verifies_and_is_kept_under_its_device() throws Exception {
        WrittenSegment w = writer.write(spec("CAM-1", "CAM-1-R00001-S001", 4_000), dir.resolve("a.mp4"));

        Verification v = upload("CAM-1", "CAM-1-R00001-S001", w);

        assertTrue(v.confirms(w.sha256()), v.toString());
        assertTrue(Files.exists(dir.resolve("evidence/CAM-1/CAM-1-R00001-S001.mp4")), "kept for a human to open");
        assertEquals(w.sha256(), SegmentWriter.sha256(dir.resolve("evidence/CAM-1/CAM-1-R00001-S001.mp4")));
        assertEquals(List.of(), parts(), "no upload file left behind");
    }

    @Test
    void a_file_whose_metadata_names_another_device_is_corrupt_with_the_reason() throws Exception {
        WrittenSegment w = writer.write(spec("CAM-2", "CAM-2-R00001-S001", 2_000), dir.resolve("b.mp4"));

        Verification v = upload("CAM-1", "CAM-2-R00001-S001", w);

        assertEquals(Verification.Status.CORRUPT, v.status());
        assertEquals(w.sha256(), v.sha256(), "the bytes arrived intact: the content was refused");
        EvidenceEntry e = ledger.entry("CAM-1", "CAM-2-R00001-S001").orElseThrow();
        assertTrue(e.reason().contains("metadata device id is 'CAM-2', but CAM-1 uploaded it"), e.reason());
        String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.uri() + "/evidence/CAM-1/CAM-2-R00001-S001")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"reason\":\"rejected on arrival: metadata device id"), json);
        assertFalse(Files.exists(dir.resolve("evidence/CAM-1/CAM-2-R00001-S001.mp4")), "not kept");
    }

    @Test
    void a_truncated_file_is_corrupt_because_it_cannot_be_opened() throws Exception {
        Path cut = dir.resolve("cut.mp4");
        writer.writeTruncated(spec("CAM-1", "CAM-1-R00002-S001", 3_000), cut);
        WrittenSegment w = new WrittenSegment(cut, Files.size(cut), SegmentWriter.sha256(cut), 0, 0);

        Verification v = upload("CAM-1", "CAM-1-R00002-S001", w);

        assertEquals(Verification.Status.CORRUPT, v.status());
        String reason = ledger.entry("CAM-1", "CAM-1-R00002-S001").orElseThrow().reason();
        assertTrue(reason.contains("truncated MP4"), reason);
        assertEquals(1, ledger.snapshot().counters().corrupt());
    }

    private Verification upload(String device, String segmentId, WrittenSegment w) throws Exception {
        client.upload(new UploadRequest(segmentId, Map.of("deviceId", device, "segmentId", segmentId),
                new FileSegmentSource(w.file(), w.bytes(), false, workers), w.sha256())).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return client.verify(device, segmentId).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private List<Path> parts() throws Exception {
        try (var walk = Files.walk(dir.resolve("evidence"))) {
            return walk.filter(p -> p.toString().endsWith(".part")).toList();
        }
    }

    static SegmentSpec spec(String device, String segmentId, long millis) {
        long start = NOW.toEpochMilli();
        GpsReceiver gps = new GpsReceiver(39.09, -94.41, PatrolStyle.FOOT, 0, 5, start - 1000);
        List<GpsFix> track = new ArrayList<>();
        for (long t = start; t < start + millis; t += 1000) {
            track.add(gps.fixAt(t));
        }
        return new SegmentSpec(device, "officer", "ipd", segmentId.substring(0, segmentId.lastIndexOf('-')), segmentId, 0,
                start, start + millis, 0, "button", "uncategorized", track, 3);
    }
}
