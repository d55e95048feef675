package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.checksum;
import static io.bodycam.backend.http.TusHttp.metadata;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.HttpFaults.LostResponse;
import io.bodycam.backend.http.HttpFaults.Settings;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadRequest;
import io.bodycam.sim.upload.Verification;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected backend faults: 5xx answers, slow answers, and committed chunks whose answer never arrives. */
class EvidenceServerFaultsTest {

    private static final int CHUNK = 4 * 1024;
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

    private final EvidenceLedger ledger = new EvidenceLedger();
    private EvidenceServer server;
    private TusHttp http;
    private EventLoopGroup group;
    private TusClient client;

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(START), ledger, new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).idleTimeout(Duration.ofSeconds(5)).build()).start();
        http = new TusHttp(server.uri());
        group = Transport.best().newGroup(1);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void an_injected_error_answers_the_status_and_commits_nothing() {
        byte[] data = bytes(100, 1);
        String location = http.created(100, metadata("IPD-1", "S-1", sha256Hex(data)));
        server.faults().set(Settings.NONE.withErrors(1.0, 503));

        var answer = http.patch(location, 0, data, checksum("sha256", data));
        server.faults().clear();

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("0", http.head(location).headers().firstValue("Upload-Offset").orElse(""));
        assertEquals(1, server.faults().counts().errors());
        assertEquals(1, ledger.snapshot().counters().answered5xx());
    }

    @Test
    void a_delay_holds_every_upload_answer_back() {
        String location = http.created(100, metadata("IPD-1", "S-1", sha256Hex(new byte[100])));
        server.faults().set(Settings.NONE.withDelay(Duration.ofMillis(300)));

        long t0 = System.nanoTime();
        var answer = http.head(location);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(200, answer.statusCode());
        assertTrue(tookMillis >= 300, "answered after " + tookMillis + " ms");
        assertEquals(1, server.faults().counts().delayed());
    }

    @Test
    void a_lost_answer_closes_the_connection_after_the_chunk_is_committed() {
        byte[] data = bytes(100, 2);
        String location = http.created(100, metadata("IPD-1", "S-1", sha256Hex(data)));
        server.faults().set(Settings.NONE.withLostResponses(1.0, LostResponse.CLOSE));

        UncheckedIOException lost = assertThrows(UncheckedIOException.class,
                () -> http.patch(location, 0, data, checksum("sha256", data)));
        server.faults().clear();

        assertInstanceOf(IOException.class, lost.getCause());
        assertEquals("100", http.head(location).headers().firstValue("Upload-Offset").orElse(""), "committed");
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("IPD-1", "S-1").orElseThrow().status());
        assertEquals(1, server.faults().counts().lostResponses());
    }

    @Test
    void a_hanging_answer_never_comes_but_the_chunk_is_committed() {
        byte[] data = bytes(100, 3);
        String location = http.created(100, metadata("IPD-1", "S-1", sha256Hex(data)));
        server.faults().set(Settings.NONE.withLostResponses(1.0, LostResponse.HANG));

        HttpRequest patch = http.request(location).timeout(Duration.ofMillis(500))
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(data)).build();
        UncheckedIOException hung = assertThrows(UncheckedIOException.class, () -> http.send(patch));
        server.faults().clear();

        assertInstanceOf(HttpTimeoutException.class, hung.getCause());
        assertEquals("100", new TusHttp(server.uri()).head(location).headers().firstValue("Upload-Offset").orElse(""));
    }

    @Test
    void a_camera_upload_through_errors_and_lost_answers_completes_verifies_and_leaves_one_copy() throws Exception {
        server.faults().set(Settings.NONE.withErrors(0.25, 503).withLostResponses(0.25, LostResponse.CLOSE));
        client = client(Duration.ofSeconds(5));
        byte[] data = bytes(24 * CHUNK + 17, 4);

        UploadOutcome outcome = client.upload(request("S-1", data)).get(20, TimeUnit.SECONDS);
        server.faults().clear();
        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        HttpFaults.Counts injected = server.faults().counts();
        assertTrue(injected.errors() > 0 && injected.lostResponses() > 0, "faults were injected: " + injected);
        assertTrue(outcome.attempts() > 1, outcome::toString);
        assertTrue(verdict.confirms(sha256Hex(data)), verdict::toString);
        assertEquals(1, verdict.copies(), "no duplicate");
        EvidenceEntry entry = ledger.entry("IPD-1", "S-1").orElseThrow();
        assertEquals(1, entry.copies());
        assertEquals(0, ledger.snapshot().counters().duplicatesRejected());
    }

    @Test
    void a_camera_upload_whose_answers_hang_resumes_after_its_request_timeout_and_leaves_one_copy() throws Exception {
        server.faults().set(Settings.NONE.withLostResponses(0.3, LostResponse.HANG));
        client = client(Duration.ofMillis(300));
        byte[] data = bytes(12 * CHUNK, 5);

        client.upload(request("S-1", data)).get(30, TimeUnit.SECONDS);
        server.faults().clear();
        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        assertTrue(server.faults().counts().lostResponses() > 0, server.faults().counts()::toString);
        assertTrue(verdict.confirms(sha256Hex(data)), verdict::toString);
        assertEquals(1, verdict.copies());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() <= 1);
    }

    @Test
    void the_answer_to_the_last_chunk_lost_still_gives_one_verified_copy() throws Exception {
        server.faults().set(Settings.NONE.withLostResponses(1.0, LostResponse.CLOSE));
        client = client(Duration.ofSeconds(5));
        byte[] data = bytes(CHUNK, 6);

        UploadOutcome outcome = client.upload(request("S-1", data)).get(20, TimeUnit.SECONDS);

        assertEquals(java.util.List.of((long) CHUNK), outcome.resumedFrom(), "HEAD said it was all there");
        assertEquals(1, ledger.snapshot().counters().uploadsCreated());
        assertEquals(1, ledger.snapshot().counters().completed(), "completed once, never twice");
        assertEquals(1, ledger.entry("IPD-1", "S-1").orElseThrow().copies());
    }

    @Test
    void settings_out_of_range_are_refused_naming_the_field() {
        var share = assertThrows(IllegalArgumentException.class, () -> Settings.NONE.withErrors(1.5, 503));
        assertEquals("error share must be 0..1, was 1.5", share.getMessage());
        var status = assertThrows(IllegalArgumentException.class, () -> Settings.NONE.withErrors(0.1, 404));
        assertEquals("error status must be 500..599, was 404", status.getMessage());
        var delay = assertThrows(IllegalArgumentException.class, () -> Settings.NONE.withDelay(Duration.ofHours(1)));
        assertTrue(delay.getMessage().startsWith("delay must be 0..10 min"), delay.getMessage());
    }

    private TusClient client(Duration requestTimeout) {
        EventLoop loop = group.next();
        TusClientConfig config = TusClientConfig.builder().endpoint(server.uri()).chunkSize(CHUNK)
                .requestTimeout(requestTimeout).maxAttempts(20)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).build();
        return new TusClient(config, loop, Transport.best(),
                WallClock.startingAt(START.toEpochMilli(), 1000, TimerLagListener.NONE).scheduler(loop),
                new SplittableRandom(42));
    }

    private static UploadRequest request(String segmentId, byte[] data) {
        return new UploadRequest(segmentId, Map.of("deviceId", "IPD-1", "segmentId", segmentId,
                "recordingId", "IPD-1-R00001"), new InMemoryByteSource(data), sha256Hex(data));
    }
}
