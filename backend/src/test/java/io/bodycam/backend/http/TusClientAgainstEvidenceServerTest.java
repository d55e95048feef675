package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadRequest;
import io.bodycam.sim.upload.Verification;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The camera's tus client against the reference evidence server, over real loopback sockets. */
class TusClientAgainstEvidenceServerTest {

    private static final int CHUNK = 64 * 1024;
    private static final Instant SERVER_TIME = Instant.parse("2026-01-01T08:00:00Z");

    private final EvidenceLedger ledger = new EvidenceLedger();
    private final DeviceConfigStore configs = new DeviceConfigStore();
    private EvidenceServer server;
    private EventLoopGroup group;
    private EventLoop loop;
    private TusClient client;

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(SERVER_TIME), ledger, configs,
                EvidenceServerConfig.builder().threads(1).build()).start();
        group = Transport.best().newGroup(1);
        loop = group.next();
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
    void uploads_a_multi_chunk_segment_that_then_verifies() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);
        byte[] data = bytes(4 * CHUNK + 123, 1);

        UploadOutcome outcome = client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS);
        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        assertEquals(data.length, outcome.bytesSent());
        assertEquals(1, outcome.attempts());
        assertEquals(List.of(), outcome.resumedFrom());
        assertTrue(verdict.confirms(sha256Hex(data)), verdict::toString);
        assertEquals(5, ledger.snapshot().counters().chunksCommitted());
    }

    @Test
    void resumes_from_the_server_offset_after_the_connection_breaks_mid_chunk() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port(), 3 * CHUNK + 4000)) {
            client = client(URI.create("http://127.0.0.1:" + proxy.port()), fastClock(), b -> b);
            byte[] data = bytes(6 * CHUNK, 2);

            UploadOutcome outcome = client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS);

            assertEquals(List.of(3L * CHUNK), outcome.resumedFrom(), "resumed where the server's HEAD said");
            assertEquals(2, outcome.attempts());
            assertEquals(data.length + CHUNK, outcome.bytesSent(), "only the broken chunk is sent twice");
            assertEquals(1, ledger.snapshot().counters().uploadsCreated(), "never restarted from 0");
            assertTrue(client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS).confirms(sha256Hex(data)));
        }
    }

    @Test
    void a_later_upload_of_the_same_key_resumes_the_upload_that_gave_up() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port(), 2 * CHUNK + 4000)) {
            client = client(URI.create("http://127.0.0.1:" + proxy.port()), fastClock(), b -> b.maxAttempts(1));
            byte[] data = bytes(4 * CHUNK, 3);

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS));
            UploadOutcome outcome = client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS);

            UploadException cause = assertInstanceOf(UploadException.class, failed.getCause());
            assertEquals(UploadException.Kind.GAVE_UP, cause.kind(), cause::toString);
            assertEquals(List.of(2L * CHUNK), outcome.resumedFrom());
            assertEquals(1, ledger.snapshot().counters().uploadsCreated(), "the second call created nothing");
            assertTrue(client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS).confirms(sha256Hex(data)));
        }
    }

    @Test
    void tells_the_offset_the_server_answered_after_each_chunk_it_accepted_on_the_loop() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);
        byte[] data = bytes(4 * CHUNK + 123, 6);
        List<Told> told = new CopyOnWriteArrayList<>();

        client.upload(request("S-1", data), null, (committed, total) -> told.add(new Told(committed, total,
                loop.inEventLoop()))).get(10, TimeUnit.SECONDS);

        assertEquals(List.of((long) CHUNK, 2L * CHUNK, 3L * CHUNK, 4L * CHUNK, (long) data.length),
                told.stream().map(Told::committed).toList());
        assertTrue(told.stream().allMatch(t -> t.total() == data.length && t.onLoop()), told::toString);
    }

    @Test
    void a_chunk_cut_in_the_middle_is_not_told_and_the_resumed_upload_goes_on_from_the_server_offset() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port(), 3 * CHUNK + 4000)) {
            client = client(URI.create("http://127.0.0.1:" + proxy.port()), fastClock(), b -> b);
            byte[] data = bytes(6 * CHUNK, 7);
            List<Told> told = new CopyOnWriteArrayList<>();

            UploadOutcome outcome = client.upload(request("S-1", data), null,
                    (committed, total) -> told.add(new Told(committed, total, loop.inEventLoop()))).get(10, TimeUnit.SECONDS);

            assertEquals(List.of(3L * CHUNK), outcome.resumedFrom());
            assertEquals(List.of((long) CHUNK, 2L * CHUNK, 3L * CHUNK, 4L * CHUNK, 5L * CHUNK, 6L * CHUNK),
                    told.stream().map(Told::committed).toList(), "each offset once: the cut chunk was never accepted");
        }
    }

    /** What a progress listener heard, and whether on the client's loop. */
    private record Told(long committed, long total, boolean onLoop) {
    }

    @Test
    void paces_chunks_so_that_none_starts_before_its_virtual_time() throws Exception {
        ManualClock clock = new ManualClock(SERVER_TIME);
        client = client(server.uri(), clock, b -> b.rateLimit(CHUNK));
        byte[] data = bytes(3 * CHUNK, 4);

        CompletableFuture<UploadOutcome> upload = client.upload(request("S-1", data));

        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == 1 && onLoop(clock::pending) == 1);
        onLoop(() -> advance(clock, 999));
        assertEquals(1, onLoop(clock::pending), "chunk 2 is due 1000 virtual ms after chunk 1");
        assertEquals(1, committed());
        onLoop(() -> advance(clock, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == 2 && onLoop(clock::pending) == 1);
        onLoop(() -> advance(clock, 999));
        assertEquals(2, committed());
        onLoop(() -> advance(clock, 1));
        UploadOutcome outcome = upload.get(10, TimeUnit.SECONDS);

        assertEquals(3, committed());
        assertEquals(data.length, outcome.bytesSent());
    }

    @Test
    void an_interrupted_upload_fails_at_once_and_the_next_upload_of_it_resumes_from_the_server_offset() throws Exception {
        ManualClock clock = new ManualClock(SERVER_TIME);
        client = client(server.uri(), clock, b -> b.rateLimit(CHUNK));
        byte[] data = bytes(3 * CHUNK, 5);
        CompletableFuture<UploadOutcome> first = client.upload(request("S-1", data));
        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == 1 && onLoop(clock::pending) == 1);

        client.interrupt("rebooted");

        ExecutionException failed = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        UploadException cause = assertInstanceOf(UploadException.class, failed.getCause());
        assertEquals(UploadException.Kind.INTERRUPTED, cause.kind(), cause::toString);
        CompletableFuture<UploadOutcome> second = client.upload(request("S-1", data));
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(() -> advance(clock, 250)) == 0 && second.isDone());
        UploadOutcome outcome = second.get();

        assertEquals(List.of((long) CHUNK), outcome.resumedFrom(), "resumed where the server's HEAD said");
        assertEquals(2L * CHUNK, outcome.bytesSent());
        assertEquals(1, ledger.snapshot().counters().uploadsCreated(), "never created twice");
        assertTrue(client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS).confirms(sha256Hex(data)));
    }

    @Test
    void time_answers_the_server_clock_and_a_virtual_round_trip() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);

        TimeSample sample = client.time().get(10, TimeUnit.SECONDS);

        assertEquals(SERVER_TIME.toEpochMilli(), sample.serverEpochMillis());
        assertTrue(sample.roundTripMillis() >= 0, sample::toString);
    }

    @Test
    void a_server_on_real_time_is_read_through_the_clock_mapping_the_camera_was_given() throws Exception {
        WallClock sped = WallClock.startingAt(Instant.parse("2030-06-01T07:00:00Z").toEpochMilli(), 60, TimerLagListener.NONE);
        client = client(server.uri(), fastClock(), b -> b.serverClock(sped::fromWall));

        TimeSample sample = client.time().get(10, TimeUnit.SECONDS);

        assertEquals(sped.fromWall(SERVER_TIME.toEpochMilli()), sample.serverEpochMillis());
    }

    @Test
    void config_answers_what_the_bench_set_for_the_device() throws Exception {
        configs.update("IPD-1", Map.of("heartbeat", "10s", "preEventSeconds", "60"));
        client = client(server.uri(), fastClock(), b -> b);

        DeviceConfigResponse config = client.config("IPD-1").get(10, TimeUnit.SECONDS);

        assertEquals(new DeviceConfigResponse(1, Map.of("heartbeat", "10s", "preEventSeconds", "60")), config);
    }

    @Test
    void verify_of_a_segment_never_uploaded_is_unknown() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);

        Verification verdict = client.verify("IPD-1", "never").get(10, TimeUnit.SECONDS);

        assertEquals(Verification.unknown("IPD-1", "never"), verdict);
    }

    @Test
    void verify_of_an_unfinished_upload_is_incomplete_without_a_hash() throws Exception {
        new TusHttp(server.uri()).created(100, TusHttp.metadata("IPD-1", "S-1", sha256Hex(new byte[100])));
        client = client(server.uri(), fastClock(), b -> b);

        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        assertEquals(new Verification("IPD-1", "S-1", Verification.Status.INCOMPLETE, "IPD-1-R00001", "", 100, 0),
                verdict);
    }

    @Test
    void bytes_that_miss_the_declared_hash_verify_as_corrupt() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);
        byte[] data = bytes(CHUNK, 5);
        UploadRequest lying = new UploadRequest("S-1", Map.of("deviceId", "IPD-1", "segmentId", "S-1"),
                new InMemoryByteSource(data), sha256Hex(bytes(CHUNK, 6)));

        client.upload(lying).get(10, TimeUnit.SECONDS);
        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        assertEquals(Verification.Status.CORRUPT, verdict.status(), verdict::toString);
        assertFalse(verdict.confirms(lying.sha256()));
    }

    @Test
    void uploading_a_verified_segment_again_leaves_one_copy_on_the_backend() throws Exception {
        client = client(server.uri(), fastClock(), b -> b);
        byte[] data = bytes(CHUNK + 1, 7);

        client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS);
        client.upload(request("S-1", data)).get(10, TimeUnit.SECONDS);
        Verification verdict = client.verify("IPD-1", "S-1").get(10, TimeUnit.SECONDS);

        assertEquals(1, verdict.copies(), verdict::toString);
        assertEquals(1, ledger.snapshot().counters().duplicatesRejected());
    }

    @Test
    void an_unreachable_backend_fails_with_connect_failed_inside_gave_up() throws Exception {
        int closedPort = server.port();
        server.close();
        client = client(URI.create("http://127.0.0.1:" + closedPort), fastClock(), b -> b.maxAttempts(2));

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> client.upload(request("S-1", bytes(10, 8))).get(10, TimeUnit.SECONDS));

        UploadException gaveUp = assertInstanceOf(UploadException.class, failed.getCause());
        assertEquals(UploadException.Kind.GAVE_UP, gaveUp.kind());
        UploadException last = assertInstanceOf(UploadException.class, gaveUp.getCause());
        assertEquals(UploadException.Kind.CONNECT_FAILED, last.kind(), last::toString);
    }

    private TusClient client(URI endpoint, Scheduler scheduler, UnaryOperator<TusClientConfig.Builder> tweak) {
        TusClientConfig config = tweak.apply(TusClientConfig.builder().endpoint(endpoint).chunkSize(CHUNK)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1))).build();
        return new TusClient(config, loop, Transport.best(), scheduler, new SplittableRandom(42));
    }

    /** Virtual time 1000 times faster than the wall: backoffs take a millisecond or so. */
    private Scheduler fastClock() {
        return WallClock.startingAt(SERVER_TIME.toEpochMilli(), 1000, TimerLagListener.NONE).scheduler(loop);
    }

    private static UploadRequest request(String segmentId, byte[] data) {
        return new UploadRequest(segmentId, Map.of("deviceId", "IPD-1", "segmentId", segmentId,
                "recordingId", "IPD-1-R00001"), new InMemoryByteSource(data), sha256Hex(data));
    }

    private long committed() {
        return ledger.snapshot().counters().chunksCommitted();
    }

    private static int advance(ManualClock clock, long millis) {
        clock.advance(Duration.ofMillis(millis));
        return 0;
    }

    private <T> T onLoop(Supplier<T> action) throws Exception {
        return loop.submit(action::get).get(5, TimeUnit.SECONDS);
    }
}
