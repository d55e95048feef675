package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.NginxProcess;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain PUT link against Debian's nginx (WebDAV PUT), over real sockets through a counting, cutting {@link TcpTap}. */
class NginxPutLinkTest {

    private static final int SEGMENT = 1024 * 1024 + 321;

    private NginxProcess server;
    private TcpTap tap;
    private EventLoopGroup group;
    private PutClient client;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NginxProcess.unavailable().isEmpty(), () -> "skipped: " + NginxProcess.unavailable().orElse(""));
        server = NginxProcess.start("IPD-1-secret");
        tap = TcpTap.to(server.port());
        group = Transport.best().newGroup(1);
        client = client("Bearer {deviceId}-secret");
    }

    private PutClient client(String authorization) {
        PutClientConfig config = PutClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:" + tap.port()))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build())
                .header("Authorization", authorization).build();
        return new PutClient(config, "metro", "officer-1", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(9),
                UploadPacer.UNLIMITED);
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
    void segments_are_put_again_after_a_cut_and_proved_by_reading_them_back() throws Exception {
        PutEvidenceLink link = link(Proof.READ_BACK);
        List<TestSegment> segments = segments(4);
        tap.cutAfter(2 * SEGMENT + 30_000);

        for (TestSegment s : segments) {
            link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
            ProofVerdict verdict = link.prove(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        }

        assertEquals(1, tap.cuts());
        TestSegment.assertAtMostFivePercentOver(tap, segments);
        for (TestSegment s : segments) {
            assertEquals(s.sha256(), TestSegment.sha256Hex(Files.readAllBytes(server.file(client.path(s.manifest())))));
        }
    }

    @Test
    void nginx_returns_no_digest_so_the_server_checksum_proof_keeps_the_segments_and_sends_each_once() throws Exception {
        PutEvidenceLink link = link(Proof.SERVER_CHECKSUM);
        List<TestSegment> segments = segments(3);

        List<TestSegment> deleted = new DockLoop(link).run(segments, 10);

        assertEquals(List.of(), deleted);
        assertInstanceOf(ProofVerdict.Unprovable.class, link.prove(segments.get(0).manifest()).toCompletableFuture().get());
        TestSegment.assertAtMostFivePercentOver(tap, segments);
    }

    @Test
    void a_wrong_authorization_header_is_refused_with_401() throws Exception {
        client.close();
        client = client("Bearer nope");
        TestSegment s = segments(1).get(0);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> link(Proof.READ_BACK).upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS));

        assertEquals(401, assertInstanceOf(UploadException.class, e.getCause()).status().orElse(0));
    }

    private PutEvidenceLink link(Proof proof) {
        return new PutEvidenceLink(client, BackendServices.NONE, UploadPacer.UNLIMITED, proof);
    }

    private static List<TestSegment> segments(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestSegment.of("IPD-1", i, SEGMENT)).toList();
    }
}
