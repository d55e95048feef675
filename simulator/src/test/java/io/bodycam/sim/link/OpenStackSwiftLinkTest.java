package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.SwiftProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Swift link (Axis Body Worn Integration API) against OpenStack Swift itself (Debian's 2.30, one node,
 * TempAuth), over real sockets through a {@link TcpTap} that counts what the store was sent and cuts a
 * connection in the middle of a clip. The store's reactions the API gives meanings to (400, 503, 507)
 * cannot be provoked from outside a real Swift, so {@link SwiftLinkTest} keeps them, against a scripted one.
 */
class OpenStackSwiftLinkTest {

    private static final int CLIP = 1024 * 1024 + 99;
    private static SwiftProcess swift;

    private TcpTap tap;
    private EventLoopGroup group;
    private SwiftClient client;
    private String officer;

    @BeforeAll
    static void startSwift() throws Exception {
        assumeTrue(SwiftProcess.unavailable().isEmpty(), () -> "skipped: " + SwiftProcess.unavailable().orElse(""));
        swift = SwiftProcess.start(Map.of("IPD-1", "key-IPD-1"));
    }

    @AfterAll
    static void stopSwift() {
        if (swift != null) {
            swift.close();
        }
    }

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        // each test files its clips under an officer of its own, so their containers differ
        officer = "officer-" + test.getTestMethod().orElseThrow().getName().hashCode();
        tap = TcpTap.to(swift.port());
        group = Transport.best().newGroup(1);
        SwiftClientConfig config = SwiftClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:" + tap.port()))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build())
                .credentials(CredentialSource.templates(SwiftProcess.ACCOUNT + ":{deviceId}", "key-{deviceId}")).build();
        client = new SwiftClient(config, "IPD-1", "metro", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(5),
                UploadPacer.UNLIMITED);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            tap.close();
        }
    }

    @Test
    void clips_land_in_a_container_per_recording_survive_a_cut_and_are_proved_by_reading_them_back() throws Exception {
        SwiftEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(4);
        tap.cutAfter(2 * CLIP + 50_000);

        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
            ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        }

        assertEquals(1, tap.cuts());
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        Clip first = link.clip(segments.get(0).manifest());
        assertTrue(swift.containers().contains(first.container()), swift.containers()::toString);
        List<String> stored = swift.objects(first.container());
        assertEquals(segments.size(), stored.size(), stored::toString);
        for (TestSegment s : segments) {
            Clip clip = link.clip(s.manifest());
            assertEquals(s.sha256(), TestSegment.sha256Hex(swift.object(clip.container(), clip.object())), clip::object);
        }
    }

    @Test
    void swifts_etag_vouches_for_the_bytes_sent() throws Exception {
        SwiftEvidenceLink link = link(Proof.SERVER_CHECKSUM);
        TestSegment s = segments(1).get(0);

        link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertInstanceOf(ProofVerdict.Proved.class, link.prove(s.manifest()).toCompletableFuture().get());
    }

    @Test
    void without_a_proof_the_dock_loop_keeps_every_clip_and_sends_each_once() throws Exception {
        SwiftEvidenceLink link = link(Proof.NONE);
        List<TestSegment> segments = segments(3);

        List<TestSegment> deleted = new DockLoop(link).run(segments, 10);

        assertEquals(List.of(), deleted);
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        assertEquals(segments.size(), swift.objects(link.clip(segments.get(0).manifest()).container()).size());
    }

    private SwiftEvidenceLink link(Proof proof) {
        return new SwiftEvidenceLink(client, officer, BackendServices.NONE, UploadPacer.UNLIMITED, proof);
    }

    private static List<TestSegment> segments(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestSegment.of("IPD-1", i, CLIP)).toList();
    }
}
