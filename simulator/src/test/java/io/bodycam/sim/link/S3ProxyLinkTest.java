package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.S3ProxyProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.s3.S3Client;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 link against S3Proxy (a separate java process), over real sockets through a {@link TcpTap} that
 * counts what the server was sent and cuts a connection in the middle of a part.
 */
class S3ProxyLinkTest {

    private static final String BUCKET = "evidence";
    private static final int PART = S3ClientConfig.MIN_PART;
    private static final int LARGE = 2 * PART + 2 * 1024 * 1024 + 77;
    private static final int SMALL = 1024 * 1024 + 5;

    private S3ProxyProcess server;
    private TcpTap tap;
    private EventLoopGroup group;
    private S3Client client;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(S3ProxyProcess.unavailable().isEmpty(), () -> "skipped: " + S3ProxyProcess.unavailable().orElse(""));
        server = S3ProxyProcess.start(BUCKET);
        tap = TcpTap.to(server.port());
        group = Transport.best().newGroup(1);
        S3ClientConfig config = S3ClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:" + tap.port()))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build())
                .bucket(BUCKET).partSize(PART).credentials(CredentialSource.fixed(S3ProxyProcess.CREDENTIALS)).build();
        client = new S3Client(config, "IPD-1", "metro", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(3),
                Clock.systemUTC(), UploadPacer.UNLIMITED);
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
    void multipart_segments_resume_from_list_parts_after_a_cut_and_are_proved_by_reading_them_back() throws Exception {
        S3EvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = List.of(TestSegment.of("IPD-1", 0, LARGE), TestSegment.of("IPD-1", 1, LARGE),
                TestSegment.of("IPD-1", 2, SMALL), TestSegment.of("IPD-1", 3, LARGE));
        tap.cutAfter(LARGE + PART + 200 * 1024);

        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(120, TimeUnit.SECONDS);
            ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        }

        assertEquals(1, tap.cuts(), "one connection was cut");
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        for (TestSegment s : segments) {
            assertEquals(s.sha256(), TestSegment.sha256Hex(Files.readAllBytes(server.object(BUCKET, link.key(s.manifest())))),
                    "stored copy of " + s.manifest().segmentId());
        }
        assertEquals(segments.size(), server.objects(BUCKET).size(), () -> "one object per segment: " + objects());
    }

    @Test
    void a_put_object_is_proved_by_the_server_checking_its_signed_payload_hash() throws Exception {
        S3EvidenceLink link = link(Proof.SERVER_CHECKSUM);
        TestSegment s = TestSegment.of("IPD-1", 0, SMALL);

        link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);

        ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get();
        assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
    }

    @Test
    void a_copy_whose_bytes_differ_from_the_recorded_hash_is_refused_by_the_server_and_proved_bad() throws Exception {
        S3EvidenceLink link = link(Proof.SERVER_CHECKSUM);
        TestSegment recorded = TestSegment.of("IPD-1", 0, SMALL);
        TestSegment damaged = new TestSegment(recorded.manifest(), recorded.bytes().clone());
        damaged.bytes()[1000] ^= 1;

        link.upload(damaged.manifest(), damaged).toCompletableFuture().get(60, TimeUnit.SECONDS);

        ProofVerdict verdict = link.prove(recorded.manifest()).toCompletableFuture().get();
        assertInstanceOf(ProofVerdict.ProvedBad.class, verdict, verdict::toString);
        assertEquals(List.of(), server.objects(BUCKET), "nothing stored");
    }

    @Test
    void multipart_without_checksums_cannot_be_vouched_for_and_the_dock_loop_still_sends_each_segment_once()
            throws Exception {
        S3EvidenceLink link = link(Proof.SERVER_CHECKSUM);
        List<TestSegment> segments = IntStream.range(0, 2).mapToObj(i -> TestSegment.of("IPD-1", i, LARGE)).toList();

        List<TestSegment> deleted = new DockLoop(link).run(segments, 10);

        assertEquals(List.of(), deleted, "nothing is proved, so nothing is deleted");
        assertInstanceOf(ProofVerdict.Unprovable.class, link.prove(segments.get(0).manifest()).toCompletableFuture().get());
        TestSegment.assertAtMostFivePercentOver(tap, segments);
    }

    private S3EvidenceLink link(Proof proof) {
        return new S3EvidenceLink(client, "metro", "officer-1", BackendServices.NONE, UploadPacer.UNLIMITED, proof);
    }

    private String objects() {
        try {
            return server.objects(BUCKET).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
