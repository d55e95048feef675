package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.checksum;
import static io.bodycam.backend.http.TusHttp.metadata;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed tus requests get the tus 1.0.0 answer, never a crash: after each the server holds no
 * connection and no upload it should not, and keeps serving well-behaved clients.
 */
class EvidenceServerBadInputTest {

    private static final long MAX_PATCH = 64 * 1024;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private EvidenceServer server;
    private TusHttp tus;
    private String location;

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(Instant.parse("2026-01-01T08:00:00Z")), ledger,
                new DeviceConfigStore(), EvidenceServerConfig.builder().threads(1).maxPatchBody(MAX_PATCH)
                .headTimeout(Duration.ofMillis(500)).build()).start();
        tus = new TusHttp(server.uri());
        location = tus.created(1000, metadata("IPD-1", "S-1", sha256Hex(bytes(1000, 1))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "Upload-Offset ''{0}''")
    @ValueSource(strings = {"-1", "abc", "1.5", "0x10", "99999999999999999999", " "})
    void a_patch_with_a_malformed_offset_is_400_and_commits_nothing(String offset) {
        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", offset).header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(new byte[10])).build());

        assertEquals(400, r.statusCode(), r::body);
        assertTrue(r.body().startsWith("Upload-Offset must be a non-negative integer"), r.body());
        assertNothingCommitted();
    }

    @Test
    void a_patch_without_an_offset_is_400() {
        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(new byte[10])).build());

        assertEquals(400, r.statusCode(), r::body);
        assertNothingCommitted();
    }

    @Test
    void a_patch_past_the_current_offset_is_409() {
        HttpResponse<String> r = tus.patch(location, 500, new byte[10], null);

        assertEquals(409, r.statusCode(), r::body);
        assertNothingCommitted();
    }

    @Test
    void a_patch_without_a_content_type_is_415() {
        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").method("PATCH", BodyPublishers.ofByteArray(new byte[10])).build());

        assertEquals(415, r.statusCode(), r::body);
        assertNothingCommitted();
    }

    @ParameterizedTest(name = "{0} without Tus-Resumable")
    @ValueSource(strings = {"HEAD", "PATCH", "DELETE", "POST"})
    void a_tus_request_without_tus_resumable_is_412_and_changes_nothing(String method) {
        String path = method.equals("POST") ? "/files/" : location;
        HttpResponse<String> r = tus.send(tus.request(path).header("Upload-Offset", "0").header("Upload-Length", "5")
                .header("Content-Type", "application/offset+octet-stream")
                .method(method, BodyPublishers.ofByteArray(new byte[5])).build());

        assertEquals(412, r.statusCode(), r::body);
        assertEquals("1.0.0", r.headers().firstValue("Tus-Version").orElse(""));
        assertNothingCommitted();
        assertEquals(1, ledger.snapshot().counters().uploadsCreated(), "no upload created");
    }

    @Test
    void a_chunk_with_a_wrong_checksum_is_460_and_a_malformed_checksum_400() {
        byte[] chunk = bytes(100, 1);
        HttpResponse<String> wrong = tus.patch(location, 0, chunk, checksum("sha256", bytes(100, 2)));
        HttpResponse<String> malformed = tus.patch(location, 0, chunk, "sha256");
        HttpResponse<String> notBase64 = tus.patch(location, 0, chunk, "sha256 !!!");

        assertEquals(460, wrong.statusCode(), wrong::body);
        assertEquals(400, malformed.statusCode(), malformed::body);
        assertEquals(400, notBase64.statusCode(), notBase64::body);
        assertNothingCommitted();
        assertEquals(1, ledger.snapshot().counters().checksumFailures());
    }

    @ParameterizedTest(name = "{0} /files/<unknown>")
    @ValueSource(strings = {"HEAD", "PATCH", "DELETE"})
    void a_request_for_an_unknown_upload_id_is_404(String method) {
        for (String id : new String[] {"nope", "..%2F..%2Fetc%2Fpasswd", "0".repeat(1000)}) {
            HttpResponse<String> r = tus.send(tus.request("/files/" + id).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                    .method(method, BodyPublishers.ofByteArray(new byte[5])).build());
            assertEquals(404, r.statusCode(), id + ": " + r.body());
        }
    }

    @Test
    void an_oversize_chunk_without_a_length_is_cut_off_with_413_and_the_connection_closed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = writeChunksUntilAnswered(socket, out);

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
        assertNothingCommitted();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() <= 1);
    }

    @Test
    void a_slow_loris_head_gets_408_and_is_closed_while_others_are_served() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket loris = new Socket("127.0.0.1", server.port())) {
            loris.setSoTimeout(5000);
            OutputStream out = loris.getOutputStream();
            long t0 = System.nanoTime();
            out.write(("HEAD " + location + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle.scheduleAtFixedRate(() -> sendQuietly(out, (byte) 'x'), 100, 100, TimeUnit.MILLISECONDS);

            assertEquals(200, tus.head(location).statusCode(), "others are served meanwhile");
            String got = readAll(loris);
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;

            assertTrue(got.startsWith("HTTP/1.1 408"), got);
            assertTrue(tookMillis >= 500 && tookMillis < 2_500, "closed after " + tookMillis + " ms");
        } finally {
            trickle.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() <= 1);
    }

    @Test
    void a_storm_of_bad_requests_leaks_no_connection_and_no_upload_and_good_uploads_still_verify() throws Exception {
        String[] junk = {"NOT A REQUEST\r\n\r\n", "PATCH /files/x HTTP/1.1\r\n" + "X: y\r\n".repeat(3000) + "\r\n",
            "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n",
            "GET /files/ HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
            "POST /files/ HTTP/1.1\r\nTus-Resumable: 1.0.0\r\nUpload-Length: -5\r\nConnection: close\r\n\r\n"};
        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(junk[i % junk.length].getBytes(StandardCharsets.ISO_8859_1));
                String answer = readAll(s);
                assertTrue(answer.startsWith("HTTP/1.1 4"), "junk " + (i % junk.length) + " got: " + answer);
            }
        }
        byte[] data = bytes(1000, 1);
        HttpResponse<String> good = tus.patch(location, 0, data, checksum("sha256", data));

        assertEquals(204, good.statusCode(), good::body);
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("IPD-1", "S-1").orElseThrow().status());
        assertEquals(1, ledger.snapshot().entries().size(), "bad requests created no evidence");
        assertEquals(0, server.incompleteUploads());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() <= 1);
    }

    private void assertNothingCommitted() {
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElse(""));
        assertEquals(0, ledger.snapshot().counters().chunksCommitted());
        assertEquals(1, server.incompleteUploads(), "only the upload the test created");
    }

    /** Sends 8 KiB chunks of a chunked body until the server answers (and closes), returns the answer. */
    private static String writeChunksUntilAnswered(Socket socket, OutputStream out) {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
        byte[] piece = new byte[8192];
        for (int sent = 0; sent < 100 && !answer.isDone(); sent++) {
            try {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                break;
            }
        }
        return answer.join();
    }

    private static void sendQuietly(OutputStream out, byte b) {
        try {
            out.write(b);
            out.flush();
        } catch (IOException closed) {
            // the server has closed the connection: the answer tells why
        }
    }

    /**
     * Everything the server sends until it closes. A reset after the answer (the server closed with
     * our bytes unread) ends the read but keeps what arrived before it.
     */
    private static String readAll(Socket s) {
        StringBuilder got = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            if (got.length() == 0) {
                return "(read failed: " + e + ")";
            }
        }
        return got.toString();
    }
}
