package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.ProofVerdict;
import io.bodycam.sim.link.TusEvidenceLink;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule every link keeps, seen through the tus link and a scripted server: a completed upload is not
 * sent again unless its proof says the copy is bad, whatever the camera asks.
 */
class LinkRuleTest {

    private static final String OTHER_SHA = "0".repeat(64);

    private ScriptedTusServer server;
    private EventLoopGroup group;
    private TusClient client;
    private TusEvidenceLink link;
    private Segment segment;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedTusServer();
        group = Transport.best().newGroup(1);
        client = new TusClient(TusClientConfig.builder().endpoint(server.uri()).chunkSize(1000).build(), group.next(),
                Transport.best(), WallClock.startingAt(0, 1000, TimerLagListener.NONE).scheduler(group.next()),
                new SplittableRandom(1));
        link = new TusEvidenceLink(client, "IPD-1", "officer-1", UploadPacer.UNLIMITED, Proof.VERDICT);
        segment = Segment.of(2500);
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void a_completed_upload_asked_again_sends_nothing() throws Exception {
        assertEquals(2500L, upload());
        int requests = server.seen().size();

        assertEquals(0L, upload());
        assertEquals(0L, upload());

        assertEquals(requests, server.seen().size(), server.seen()::toString);
    }

    @Test
    void a_backend_that_knows_nothing_of_a_completed_upload_makes_it_unprovable_not_sent_again() throws Exception {
        server.getAnswers(404, "");
        upload();

        ProofVerdict verdict = prove();
        upload();

        assertInstanceOf(ProofVerdict.Unprovable.class, verdict, verdict::toString);
        assertEquals(1, posts(), server.seen()::toString);
        assertEquals(Verification.Status.UNPROVABLE, link.verify(segment.manifest).toCompletableFuture().get().status());
    }

    @Test
    void a_copy_proved_bad_is_uploaded_afresh_once() throws Exception {
        server.getAnswers(200, "{\"status\":\"corrupt\",\"sha256\":\"" + OTHER_SHA + "\"}");
        upload();

        assertInstanceOf(ProofVerdict.ProvedBad.class, prove());
        assertEquals(2500L, upload(), "sent again, from the start");
        assertEquals(0L, upload(), "and then not again before the next proof");

        assertEquals(2, posts(), server.seen()::toString);
    }

    @Test
    void a_copy_proved_good_is_forgotten_so_the_camera_may_delete_it() throws Exception {
        server.getAnswers(200, "{\"status\":\"verified\",\"sha256\":\"" + segment.manifest.sha256() + "\"}");
        upload();

        ProofVerdict verdict = prove();

        assertInstanceOf(ProofVerdict.Proved.class, verdict, verdict::toString);
        assertEquals(Verification.Status.VERIFIED, link.verify(segment.manifest).toCompletableFuture().get().status(),
                "the reference verdict is handed on as the backend gave it");
    }

    private long upload() throws Exception {
        return link.upload(segment.manifest, segment).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ProofVerdict prove() throws Exception {
        return link.prove(segment.manifest).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private long posts() {
        return server.seen().stream().filter(s -> s.method().equals("POST")).count();
    }

    /** A synthetic segment in memory. */
    private record Segment(SegmentManifest manifest, byte[] bytes) implements SegmentSource {
        static Segment of(int length) throws Exception {
            byte[] data = new byte[length];
            new SplittableRandom(length).nextBytes(data);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            return new Segment(new SegmentManifest("IPD-1", "IPD-1-R1", "IPD-1-R1-S1", 0, 0, 60_000, 0, 0, length,
                    length, sha, "BUTTON", "none", false, false), data);
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void read(long offset, int length, ByteBuf target) {
            target.writeBytes(bytes, (int) offset, length);
        }

        @Override
        public String sha256() {
            return manifest.sha256();
        }
    }
}
