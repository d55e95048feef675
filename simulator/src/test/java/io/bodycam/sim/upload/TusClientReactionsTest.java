package io.bodycam.sim.upload;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.UploadException.Kind;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the tus client reacts to each kind of answer, against a server whose answers the test scripts. */
class TusClientReactionsTest {

    private static final int CHUNK = 1000;
    private static final long SEED = 42;

    private ScriptedTusServer server;
    private EventLoopGroup group;
    private EventLoop loop;
    private TusClient client;

    @BeforeEach
    void start() throws InterruptedException {
        server = new ScriptedTusServer();
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
    void a_460_checksum_mismatch_resends_the_same_chunk() throws Exception {
        server.answerNext("PATCH", 460);
        client = client(fastScheduler(), b -> b);

        UploadOutcome outcome = upload(2 * CHUNK);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, PATCH /files/u1 @0 +1000, PATCH /files/u1 @1000 +1000",
                log());
        assertEquals(2, outcome.attempts());
        assertEquals(3 * CHUNK, outcome.bytesSent());
    }

    @Test
    void a_409_conflict_asks_the_offset_with_head_and_goes_on_from_there() throws Exception {
        server.answerNext("PATCH", 409);
        client = client(fastScheduler(), b -> b);

        UploadOutcome outcome = upload(CHUNK);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, HEAD /files/u1, PATCH /files/u1 @0 +1000", log());
        assertEquals(List.of(0L), outcome.resumedFrom());
    }

    @Test
    void a_404_for_the_upload_url_creates_the_upload_anew() throws Exception {
        server.answerNext("PATCH", 404);
        client = client(fastScheduler(), b -> b);

        upload(CHUNK);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, POST /files/, PATCH /files/u2 @0 +1000", log());
    }

    @Test
    void another_4xx_fails_the_upload_as_rejected_with_its_status() {
        server.answerNext("POST", 403);
        client = client(fastScheduler(), b -> b);

        UploadException e = failure(() -> client.upload(request(CHUNK)));

        assertEquals(Kind.REJECTED, e.kind(), e::toString);
        assertEquals(403, e.status().orElseThrow());
    }

    @Test
    void a_5xx_waits_the_jittered_backoff_in_virtual_time_then_resumes_with_head() throws Exception {
        ManualClock clock = new ManualClock(0);
        long backoff = new SplittableRandom(SEED).nextLong(1000 + 1);
        server.answerNext("PATCH", 503);
        client = client(clock, b -> b.initialBackoff(Duration.ofSeconds(1)));

        CompletableFuture<UploadOutcome> upload = client.upload(request(CHUNK));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.seen().size() == 2 && onLoop(clock::pending) == 1);
        onLoop(() -> clock.advance(Duration.ofMillis(backoff - 1)));
        assertEquals(2, server.seen().size(), "nothing sent before the backoff ends: " + log());
        onLoop(() -> clock.advance(Duration.ofMillis(1)));
        UploadOutcome outcome = upload.get(5, TimeUnit.SECONDS);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, HEAD /files/u1, PATCH /files/u1 @0 +1000", log());
        assertEquals(2, outcome.attempts());
    }

    @Test
    void a_request_without_answer_times_out_closes_the_connection_and_is_retried() throws Exception {
        server.stallNext("PATCH");
        client = client(fastScheduler(), b -> b.requestTimeout(Duration.ofMillis(300)));

        UploadOutcome outcome = upload(CHUNK);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, HEAD /files/u1, PATCH /files/u1 @0 +1000", log());
        assertEquals(2, server.connections(), "the timed-out connection is not reused");
        assertEquals(2, outcome.attempts());
    }

    @Test
    void a_connection_dropped_before_the_answer_is_resumed_from_the_offset_head_reports() throws Exception {
        server.dropNext("PATCH");
        client = client(fastScheduler(), b -> b);

        UploadOutcome outcome = upload(2 * CHUNK);

        assertEquals("POST /files/, PATCH /files/u1 @0 +1000, HEAD /files/u1, PATCH /files/u1 @0 +1000, "
                + "PATCH /files/u1 @1000 +1000", log());
        assertEquals(List.of(0L), outcome.resumedFrom(), "the dropped chunk was not committed");
        assertEquals(2, server.connections());
    }

    @Test
    void gives_up_after_max_attempts_failures_in_a_row_naming_the_last_status() {
        for (int i = 0; i < 3; i++) {
            server.answerNext("POST", 500);
        }
        client = client(fastScheduler(), b -> b.maxAttempts(3));

        UploadException e = failure(() -> client.upload(request(CHUNK)));

        assertEquals(Kind.GAVE_UP, e.kind(), e::toString);
        assertEquals(500, e.status().orElseThrow());
        assertEquals(3, server.seen().size(), log());
    }

    @Test
    void reconnects_when_the_server_closes_the_connection_after_each_answer() throws Exception {
        server.closeAfterEachAnswer();
        client = client(fastScheduler(), b -> b);

        UploadOutcome outcome = upload(3 * CHUNK);

        assertEquals(1, outcome.attempts());
        assertEquals(5, server.connections(), "OPTIONS, POST and three PATCHes, each on a connection of its own");
    }

    @Test
    void a_verify_that_loses_a_reused_connection_is_sent_once_more_on_a_new_one() throws Exception {
        server.getAnswers(200, "{\"status\":\"verified\",\"sha256\":\"ab\",\"bytes\":1,\"copies\":1}");
        client = client(fastScheduler(), b -> b);
        client.verify("IPD-1", "S-1").get(5, TimeUnit.SECONDS);
        server.dropNext("GET");

        Verification verdict = client.verify("IPD-1", "S-1").get(5, TimeUnit.SECONDS);

        assertEquals(Verification.Status.VERIFIED, verdict.status());
        assertEquals(3, server.seen().size(), log());
        assertEquals(2, server.connections());
    }

    @Test
    void a_verify_that_loses_a_fresh_connection_fails_as_connection_lost() {
        server.dropNext("GET");
        client = client(fastScheduler(), b -> b);

        UploadException e = failure(() -> client.verify("IPD-1", "S-1"));

        assertEquals(Kind.CONNECTION_LOST, e.kind(), e::toString);
    }

    @Test
    void a_5xx_to_verify_is_a_server_error() {
        server.getAnswers(500, "down");
        client = client(fastScheduler(), b -> b);

        UploadException e = failure(() -> client.verify("IPD-1", "S-1"));

        assertEquals(Kind.SERVER_ERROR, e.kind(), e::toString);
    }

    @Test
    void a_verdict_that_is_not_json_is_a_protocol_error() {
        server.getAnswers(200, "<html>");
        client = client(fastScheduler(), b -> b);

        UploadException e = failure(() -> client.verify("IPD-1", "S-1"));

        assertEquals(Kind.PROTOCOL_ERROR, e.kind(), e::toString);
    }

    @Test
    void closing_the_client_fails_a_running_upload_as_closed() throws Exception {
        server.stallNext("PATCH");
        client = client(fastScheduler(), b -> b);
        CompletableFuture<UploadOutcome> upload = client.upload(request(CHUNK));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.seen().size() == 2);

        client.close();

        UploadException e = failure(() -> upload);
        assertEquals(Kind.CLOSED, e.kind(), e::toString);
        assertFalse(server.seen().size() > 2, log());
    }

    private TusClient client(Scheduler scheduler, UnaryOperator<TusClientConfig.Builder> tweak) {
        TusClientConfig config = tweak.apply(TusClientConfig.builder().endpoint(server.uri()).chunkSize(CHUNK)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1))).build();
        return new TusClient(config, loop, Transport.best(), scheduler, new SplittableRandom(SEED));
    }

    /** Virtual time 1000 times faster than the wall: backoffs take a millisecond or so. */
    private Scheduler fastScheduler() {
        return WallClock.startingAt(0, 1000, TimerLagListener.NONE).scheduler(loop);
    }

    private UploadOutcome upload(int length) throws Exception {
        return client.upload(request(length)).get(10, TimeUnit.SECONDS);
    }

    private static UploadRequest request(int length) {
        byte[] data = new byte[length];
        new SplittableRandom(length).nextBytes(data);
        String sha = HexFormat.of().formatHex(sha256(data));
        return new UploadRequest("S-1", Map.of("deviceId", "IPD-1", "segmentId", "S-1"),
                new InMemoryByteSource(data), sha);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UploadException failure(java.util.function.Supplier<CompletableFuture<?>> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(UploadException.class, e.getCause());
    }

    private String log() {
        return server.seen().stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> action) throws Exception {
        return loop.submit(action).get(5, TimeUnit.SECONDS);
    }

    private void onLoop(Runnable action) throws Exception {
        loop.submit(action).get(5, TimeUnit.SECONDS);
    }
}
