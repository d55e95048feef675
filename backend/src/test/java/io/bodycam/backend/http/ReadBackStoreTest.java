package io.bodycam.backend.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.testing.EventLoopGuard;
import io.bodycam.sim.testing.TcpTap;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.ReadBack;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3Client;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.s3.S3Outcome;
import io.bodycam.sim.upload.swift.Clip;
import io.bodycam.sim.upload.swift.SwiftClient;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.bodycam.sim.upload.swift.SwiftOutcome;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded evidence server's read-back stores against the cameras' own clients, over real sockets through a
 * {@link TcpTap} that cuts a connection in the middle of a body: what was cut is sent again, what arrived whole
 * reads back byte for byte, and no file is touched on an event loop (the guard fails the test otherwise).
 */
@EventLoopGuard.Guarded
class ReadBackStoreTest {

    private static final int PART = S3ClientConfig.MIN_PART;
    private static final Credentials S3_KEYS = new Credentials("camera-key", "camera-secret");

    @TempDir
    Path dir;

    private final EventLoopGroup group = Transport.best().newGroup(1);
    private EvidenceServer server;
    private TcpTap tap;

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (tap != null) {
            tap.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void s3_multipart_cut_in_a_part_resumes_from_list_parts_and_reads_back_whole() throws Exception {
        start(ReadBackStore.s3(dir, "evidence", "us-east-1", Map.of(S3_KEYS.id(), S3_KEYS.secret())));
        byte[] large = bytes(2 * PART + 123_457, 1);
        byte[] small = bytes(300_001, 2);
        tap.cutAfter(PART + PART / 2);
        try (S3Client client = s3(S3_KEYS, true)) {
            S3Outcome multipart = client.upload("agency/CAM-1/R1/S1.bin", sha256(large), new InMemoryByteSource(large), null)
                    .get(60, TimeUnit.SECONDS);
            S3Outcome single = client.upload("agency/CAM-1/R1/S2.bin", sha256(small), new InMemoryByteSource(small), null)
                    .get(60, TimeUnit.SECONDS);

            assertEquals(3, multipart.parts(), multipart::toString);
            assertTrue(multipart.vouchedSha256().isPresent(), "the composite checksum came back: " + multipart);
            assertEquals(1, tap.cuts());
            assertReadsBack(large, client.readBack("agency/CAM-1/R1/S1.bin").get(10, TimeUnit.SECONDS));
            assertReadsBack(small, client.readBack("agency/CAM-1/R1/S2.bin").get(10, TimeUnit.SECONDS));
            assertEquals(404, client.readBack("agency/CAM-1/R1/S3.bin").get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void s3_requests_signed_with_another_secret_are_refused_and_store_nothing() throws Exception {
        start(ReadBackStore.s3(dir, "evidence", "us-east-1", Map.of(S3_KEYS.id(), S3_KEYS.secret())));
        byte[] body = bytes(10_000, 3);
        try (S3Client impostor = s3(new Credentials(S3_KEYS.id(), "guessed"), false);
             S3Client camera = s3(S3_KEYS, false)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> impostor.upload("k.bin", sha256(body),
                    new InMemoryByteSource(body), null).get(30, TimeUnit.SECONDS));

            assertEquals(403, assertInstanceOf(UploadException.class, e.getCause()).status().orElse(0), e::toString);
            assertEquals(404, camera.readBack("k.bin").get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void s3_put_object_whose_body_is_not_the_signed_hash_is_refused_and_not_kept() throws Exception {
        start(ReadBackStore.s3(dir, "evidence", "us-east-1", Map.of(S3_KEYS.id(), S3_KEYS.secret())));
        byte[] body = bytes(20_000, 4);
        try (S3Client client = s3(S3_KEYS, false)) {
            S3Outcome refused = client.upload("k.bin", sha256(bytes(20_000, 5)), new InMemoryByteSource(body), null)
                    .get(30, TimeUnit.SECONDS);

            assertTrue(refused.refused() && refused.basis().contains("XAmzContentSHA256Mismatch"), refused::toString);
            assertEquals(404, client.readBack("k.bin").get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void put_segments_cut_mid_body_are_sent_again_whole_and_read_back_from_the_same_path() throws Exception {
        start(ReadBackStore.put(dir, "/evidence/{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}"));
        byte[] first = bytes(700_003, 6);
        byte[] second = bytes(500_001, 7);
        tap.cutAfter(first.length + 200_000);
        try (PutClient client = put()) {
            SegmentManifest a = manifest("S1", first);
            SegmentManifest b = manifest("S2", second);
            client.upload(a, new InMemoryByteSource(first), null).get(30, TimeUnit.SECONDS);
            var outcome = client.upload(b, new InMemoryByteSource(second), null).get(30, TimeUnit.SECONDS);

            assertEquals(1, tap.cuts());
            assertEquals(201, outcome.status());
            assertEquals("/evidence/metro/CAM-1/CAM-1-R1/S2.bin", client.path(b));
            assertReadsBack(first, client.readBack(client.path(a), a).get(10, TimeUnit.SECONDS));
            assertReadsBack(second, client.readBack(client.path(b), b).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void put_of_a_body_that_is_not_its_announced_digest_is_refused_with_400_and_not_kept() throws Exception {
        start(ReadBackStore.put(dir, "/evidence/{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}"));
        byte[] body = bytes(50_000, 8);
        SegmentManifest claimed = manifest("S1", bytes(50_000, 9));
        try (PutClient client = put()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.upload(claimed, new InMemoryByteSource(body), null).get(30, TimeUnit.SECONDS));

            assertEquals(400, assertInstanceOf(UploadException.class, e.getCause()).status().orElse(0), e::toString);
            assertEquals(404, client.readBack(client.path(claimed), claimed).get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void swift_clips_cut_mid_body_are_stored_whole_with_the_md5_etag_behind_a_relay_and_read_back() throws Exception {
        start(ReadBackStore.swift(dir, "/auth/v1.0"));
        byte[] first = bytes(600_011, 10);
        byte[] second = bytes(400_013, 11);
        tap.cutAfter(first.length + 150_000);
        try (SwiftClient client = swift()) {
            Clip a = new Clip("officer_CAM-1_20260101T080000Z", Map.of("Triggeron", "button"), "S1.bin", Map.of());
            Clip b = new Clip("officer_CAM-1_20260101T080000Z", Map.of(), "S2.bin", Map.of());
            SwiftOutcome one = client.upload(a, new InMemoryByteSource(first), "video/mp4", null).get(30, TimeUnit.SECONDS);
            SwiftOutcome two = client.upload(b, new InMemoryByteSource(second), "video/mp4", null).get(30, TimeUnit.SECONDS);

            assertEquals(1, tap.cuts());
            assertEquals(sha256(first), one.vouchedSha256().orElseThrow(), "the ETag was the MD5 of what was sent");
            assertEquals(sha256(second), two.vouchedSha256().orElseThrow());
            assertReadsBack(first, client.readBack(a.container(), a.object()).get(10, TimeUnit.SECONDS));
            assertReadsBack(second, client.readBack(b.container(), b.object()).get(10, TimeUnit.SECONDS));
            assertTrue(tap.connections() >= 2, "the storage URL pointed at the relay, so the cut reached it");
        }
    }

    @Test
    void tus_answers_a_get_with_a_finished_upload_and_404_for_an_unfinished_one() throws Exception {
        start(ReadBackStore.tus(dir));
        TusHttp tus = new TusHttp(server.uri());
        byte[] body = bytes(300_000, 12);
        String finished = tus.created(body.length, TusHttp.metadata("CAM-1", "S1", sha256(body)));
        String unfinished = tus.created(body.length, TusHttp.metadata("CAM-1", "S2", sha256(body)));
        assertEquals(204, tus.patch(finished, 0, body, TusHttp.checksum("sha256", body)).statusCode());
        assertEquals(204, tus.patch(unfinished, 0, java.util.Arrays.copyOf(body, 1000), null).statusCode());

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(server.uri().resolve(finished)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> partial = http.send(HttpRequest.newBuilder(server.uri().resolve(unfinished)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, whole.statusCode());
        assertArrayEquals(body, whole.body());
        assertEquals(404, partial.statusCode());
    }

    @Test
    void a_store_refuses_paths_the_reference_contract_needs_and_names_the_fix() {
        IllegalArgumentException put = assertThrows(IllegalArgumentException.class,
                () -> ReadBackStore.put(dir, "/files/{deviceId}/{segmentId}"));
        IllegalArgumentException templated = assertThrows(IllegalArgumentException.class,
                () -> ReadBackStore.put(dir, "/{agency}/{segmentId}"));
        IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class,
                () -> ReadBackStore.s3(dir, "Evidence_Bucket", "us-east-1", Map.of()));

        assertTrue(put.getMessage().contains("starts with /files/"), put::getMessage);
        assertTrue(templated.getMessage().contains("must start with a fixed path element"), templated::getMessage);
        assertTrue(bucket.getMessage().contains("is not an S3 bucket name"), bucket::getMessage);
    }

    private void start(ReadBackStore store) throws InterruptedException {
        server = new EvidenceServer(new ManualClock(Instant.parse("2026-01-01T08:00:00Z")), new EvidenceLedger(),
                new DeviceConfigStore(), EvidenceServerConfig.builder().threads(1).readBack(store).build()).start();
        tap = TcpTap.to(server.port());
    }

    private ConnectionSettings connection() {
        return ConnectionSettings.builder(URI.create("http://127.0.0.1:" + tap.port()))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    }

    private S3Client s3(Credentials keys, boolean checksums) {
        S3ClientConfig config = S3ClientConfig.builder().connection(connection()).bucket("evidence").partSize(PART)
                .checksums(checksums).credentials(CredentialSource.fixed(keys)).build();
        return new S3Client(config, "CAM-1", "metro", group.next(), Transport.best(), scheduler(), new SplittableRandom(1),
                Clock.systemUTC(), UploadPacer.UNLIMITED);
    }

    private PutClient put() {
        PutClientConfig config = PutClientConfig.builder().connection(connection())
                .pathTemplate("/evidence/{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}").build();
        return new PutClient(config, "metro", "officer-1", group.next(), Transport.best(), scheduler(),
                new SplittableRandom(2), UploadPacer.UNLIMITED);
    }

    private SwiftClient swift() {
        SwiftClientConfig config = SwiftClientConfig.builder().connection(connection())
                .credentials(CredentialSource.templates("metro:{deviceId}", "key-{deviceId}")).build();
        return new SwiftClient(config, "CAM-1", "metro", group.next(), Transport.best(), scheduler(),
                new SplittableRandom(3), UploadPacer.UNLIMITED);
    }

    private io.bodycam.sim.time.Scheduler scheduler() {
        return WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next());
    }

    private static SegmentManifest manifest(String segmentId, byte[] bytes) {
        return new SegmentManifest("CAM-1", "CAM-1-R1", segmentId, 0, 1_700_000_000_000L, 1_700_000_060_000L, 0, 0,
                bytes.length, bytes.length, sha256(bytes), "BUTTON", "uncategorized", false, false);
    }

    private static void assertReadsBack(byte[] expected, ReadBack r) {
        assertEquals(200, r.status(), r::toString);
        assertEquals(expected.length, r.bytes(), r::toString);
        assertTrue(r.matches(sha256(expected)), r::toString);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) {
        return TusHttp.sha256Hex(bytes);
    }
}
