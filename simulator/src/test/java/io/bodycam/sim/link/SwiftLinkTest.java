package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.ScriptedSwiftServer;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.swift.Clip;
import io.bodycam.sim.upload.swift.SwiftClient;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Swift link (Axis Body Worn Integration API) against a scripted Swift store written for these tests
 * (no Swift server can be installed here), over real sockets through a {@link TcpTap} that counts what
 * the store was sent and cuts a connection in the middle of a clip.
 */
class SwiftLinkTest {

    private static final int CLIP = 1024 * 1024 + 99;

    private ScriptedSwiftServer server;
    private TcpTap tap;
    private EventLoopGroup group;
    private SwiftClient client;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedSwiftServer.start(Map.of("cam-IPD-1", "key-IPD-1"));
        tap = TcpTap.to(server.port());
        server.advertisePort(tap.port());
        group = Transport.best().newGroup(1);
        SwiftClientConfig config = SwiftClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:" + tap.port()))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build())
                .credentials(CredentialSource.templates("cam-{deviceId}", "key-{deviceId}")).build();
        client = new SwiftClient(config, "IPD-1", "metro", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(5),
                UploadPacer.UNLIMITED);
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        tap.close();
        server.close();
    }

    @Test
    void clips_go_to_a_container_per_recording_survive_a_cut_and_are_proved_by_reading_them_back() throws Exception {
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(4);
        tap.cutAfter(2 * CLIP + 50_000);

        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
            ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        }

        assertEquals(1, tap.cuts(), () -> "upstream " + tap.upstreamBytes() + ", log " + server.log());
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        assertEquals(List.of("officer-1_IPD-1_20231114T221320Z"), List.copyOf(server.containers().keySet()),
                "officer, camera and trigger time (first start plus pre-event)");
        Clip first = link.clip(segments.get(0).manifest());
        assertEquals("20231114_221320_IPD-1-R00001.mp4", first.object());
        ScriptedSwiftServer.StoredObject stored = server.objects().get(first.container() + "/" + first.object());
        assertEquals(segments.get(0).sha256(), TestSegment.sha256Hex(stored.bytes()));
        assertEquals("1700000000", stored.meta().get("starttime"), stored.meta()::toString);
        assertEquals("2023-11-14T22%3A13%3A20Z", stored.meta().get("starttimeiso"), "values are URL-encoded");
        assertEquals(segments.size(), server.objects().size());
    }

    @Test
    void the_stores_etag_vouches_for_the_bytes_sent() throws Exception {
        SwiftEvidenceLink link = link(Proof.SERVER_CHECKSUM);
        TestSegment s = segments(1).get(0);

        link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertInstanceOf(ProofVerdict.Proved.class, link.prove(s.manifest()).toCompletableFuture().get());
    }

    @Test
    void a_400_is_never_retried_and_the_clip_is_kept_unprovable() throws Exception {
        server.answerNextObjectPut(400);
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(1);

        List<TestSegment> deleted = new DockLoop(link).run(segments, 5);

        assertEquals(List.of(), deleted);
        assertInstanceOf(ProofVerdict.Unprovable.class, link.prove(segments.get(0).manifest()).toCompletableFuture().get());
        assertEquals(1, server.log().stream().filter(l -> l.startsWith("PUT /v1/AUTH_cam-IPD-1/officer-1_IPD-1_")
                && l.contains(".mp4")).count(), server.log()::toString);
    }

    @Test
    void a_503_is_retried_after_a_backoff_and_stored_once() throws Exception {
        server.answerNextObjectPut(503).answerNextObjectPut(503);
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        TestSegment s = segments(1).get(0);

        link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertInstanceOf(ProofVerdict.Proved.class, link.prove(s.manifest()).toCompletableFuture().get());
        assertEquals(1, server.objects().size());
    }

    @Test
    void a_507_stops_uploading_and_keeps_the_clip() throws Exception {
        server.answerNextObjectPut(507);
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(2);

        UploadException full = failure(link, segments.get(0));
        int requests = server.log().size();
        UploadException stillFull = failure(link, segments.get(1));

        assertEquals(507, full.status().orElse(0), full::toString);
        assertEquals(507, stillFull.status().orElse(0), stillFull::toString);
        assertEquals(requests, server.log().size(), "nothing sent while the store is out of space: " + server.log());
        assertInstanceOf(ProofVerdict.NotStored.class, link.prove(segments.get(0).manifest()).toCompletableFuture().get());
    }

    @Test
    void an_expired_token_is_renewed_and_the_upload_goes_on() throws Exception {
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(2);
        link.upload(segments.get(0).manifest(), segments.get(0)).toCompletableFuture().get(60, TimeUnit.SECONDS);
        server.expireTokens();

        link.upload(segments.get(1).manifest(), segments.get(1)).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertEquals(2, server.log().stream().filter(l -> l.startsWith("GET /auth/v1.0 200")).count(), server.log()::toString);
        assertEquals(2, server.objects().size());
    }

    @Test
    void capabilities_are_read_once_and_trusted_only_with_the_right_etag() throws Exception {
        server.capabilities("{\"Store\":{\"StoreGNSSTrackRecording\":true,\"StoreBookmarks\":false}}");
        SwiftEvidenceLink link = link(Proof.NONE);
        List<TestSegment> segments = segments(2);
        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }

        assertEquals(Map.of("StoreGNSSTrackRecording", true, "StoreBookmarks", false), client.capabilities().get());
        assertEquals(1, server.log().stream().filter(l -> l.contains("Capabilities.json")).count());
    }

    @Test
    void without_a_proof_the_dock_loop_keeps_every_clip_and_sends_each_once() throws Exception {
        SwiftEvidenceLink link = link(Proof.NONE);
        List<TestSegment> segments = segments(3);

        List<TestSegment> deleted = new DockLoop(link).run(segments, 10);

        assertEquals(List.of(), deleted);
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        assertTrue(server.bodyBytes() == segments.stream().mapToLong(TestSegment::length).sum(),
                "each clip's bytes reached the store once: " + server.bodyBytes());
    }

    @Test
    void the_verdict_proof_is_refused_for_swift() {
        assertThrows(IllegalArgumentException.class, () -> link(Proof.VERDICT));
    }

    private SwiftEvidenceLink link(Proof proof) {
        return new SwiftEvidenceLink(client, "officer-1", BackendServices.NONE, UploadPacer.UNLIMITED, proof);
    }

    private static List<TestSegment> segments(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestSegment.of("IPD-1", i, CLIP)).toList();
    }

    private static UploadException failure(SwiftEvidenceLink link, TestSegment s) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS));
        return assertInstanceOf(UploadException.class, e.getCause());
    }
}
