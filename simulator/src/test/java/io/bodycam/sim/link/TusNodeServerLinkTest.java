package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.testing.TusNodeServer;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.Verification;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tus link against the tus reference server for Node.js ({@code @tus/server} with
 * {@code @tus/file-store}), over real sockets through a {@link TcpTap} that counts what the server was
 * sent and cuts a connection in the middle of a chunk.
 */
class TusNodeServerLinkTest {

    private static final int SEGMENTS = 4;
    private static final int SEGMENT_BYTES = 2 * 1024 * 1024 + 123;

    private TusNodeServer server;
    private TcpTap tap;
    private EventLoopGroup group;
    private TusClient client;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(TusNodeServer.unavailable().isEmpty(), () -> "skipped: " + TusNodeServer.unavailable().orElse(""));
        server = TusNodeServer.start();
        tap = TcpTap.to(server.port());
        group = Transport.best().newGroup(1);
        TusClientConfig config = TusClientConfig.builder().endpoint(URI.create("http://127.0.0.1:" + tap.port()))
                .chunkSize(256 * 1024).initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).build();
        client = new TusClient(config, group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(7));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            tap.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void segments_resume_after_a_cut_mid_chunk_and_are_proved_by_reading_them_back() throws Exception {
        TusEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments();
        tap.cutAfter(SEGMENT_BYTES + SEGMENT_BYTES / 3);

        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
            ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        }

        assertEquals(1, tap.cuts(), "one connection was cut");
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        assertEquals(hashes(segments), storedHashes(), "one stored copy per segment, each with the recorded bytes");
    }

    @Test
    void the_verdict_proof_cannot_speak_here_and_the_dock_loop_still_sends_each_segment_once() throws Exception {
        TusEvidenceLink link = link(Proof.VERDICT);
        List<TestSegment> segments = segments();

        List<TestSegment> deleted = new DockLoop(link).run(segments, 10);

        assertEquals(List.of(), deleted, "nothing is proved, so nothing is deleted");
        for (TestSegment s : segments) {
            assertInstanceOf(ProofVerdict.Unprovable.class, link.prove(s.manifest()).toCompletableFuture().get());
        }
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        assertEquals(hashes(segments), storedHashes(), "no duplicate copies");
    }

    @Test
    void the_server_checksum_proof_says_unprovable_because_the_server_offers_no_checksum() throws Exception {
        TusEvidenceLink link = link(Proof.SERVER_CHECKSUM);
        List<TestSegment> segments = segments().subList(0, 2);

        DockLoop loop = new DockLoop(link);
        loop.run(segments, 5);

        assertEquals(Verification.Status.UNPROVABLE,
                loop.verdicts().get(segments.get(0).manifest().segmentId()).status(), loop.verdicts()::toString);
        TestSegment.assertAtMostFivePercentOver(tap, segments);
    }

    private TusEvidenceLink link(Proof proof) {
        return new TusEvidenceLink(client, "IPD-1", "officer-1", UploadPacer.UNLIMITED, proof);
    }

    private static List<TestSegment> segments() {
        return IntStream.range(0, SEGMENTS).mapToObj(i -> TestSegment.of("IPD-1", i, SEGMENT_BYTES)).toList();
    }

    private static List<String> hashes(List<TestSegment> segments) {
        return segments.stream().map(TestSegment::sha256).sorted().toList();
    }

    private List<String> storedHashes() throws IOException {
        try (Stream<Path> files = Files.list(server.store())) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".json")).map(p -> {
                try {
                    return TestSegment.sha256Hex(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
