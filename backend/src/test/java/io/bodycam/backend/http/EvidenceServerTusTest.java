package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.checksum;
import static io.bodycam.backend.http.TusHttp.metadata;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.time.ManualClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evidence server's tus endpoints and their error codes, over real loopback sockets. */
class EvidenceServerTusTest {

    private static final long MAX_UPLOAD = 4 << 20;
    private static final long MAX_PATCH = 1 << 20;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private EvidenceServer server;
    private TusHttp tus;

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")), ledger,
                new DeviceConfigStore(), EvidenceServerConfig.builder()
                        .maxUploadSize(MAX_UPLOAD).maxPatchBody(MAX_PATCH).threads(1).build()).start();
        tus = new TusHttp(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void options_announces_version_extensions_checksum_algorithms_and_max_size() {
        HttpResponse<String> r = tus.send(tus.request("/files/").method("OPTIONS", BodyPublishers.noBody()).build());

        assertEquals(204, r.statusCode(), r::body);
        assertEquals(Optional.of("1.0.0"), r.headers().firstValue("Tus-Version"));
        assertEquals(Optional.of("creation,checksum,termination"), r.headers().firstValue("Tus-Extension"));
        assertEquals(Optional.of("sha1,sha256"), r.headers().firstValue("Tus-Checksum-Algorithm"));
        assertEquals(Optional.of(Long.toString(MAX_UPLOAD)), r.headers().firstValue("Tus-Max-Size"));
    }

    @Test
    void post_creates_an_upload_at_a_relative_location_known_to_the_ledger_as_incomplete() {
        HttpResponse<String> r = tus.create(100, metadata("IPD-1", "S-1", sha256Hex(new byte[100])));

        assertEquals(201, r.statusCode(), r::body);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/files/"), location);
        assertEquals(Optional.of("1.0.0"), r.headers().firstValue("Tus-Resumable"));
        assertEquals(EvidenceStatus.INCOMPLETE, ledger.entry("IPD-1", "S-1").orElseThrow().status());
        assertEquals(1, ledger.snapshot().counters().uploadsCreated());
    }

    @Test
    void post_without_a_valid_upload_length_is_400() {
        Map<String, String> meta = metadata("IPD-1", "S-1", sha256Hex(new byte[0]));
        HttpResponse<String> missing = tus.send(tus.request("/files/").header("Tus-Resumable", "1.0.0")
                .header("Upload-Metadata", TusHttp.encode(meta)).POST(BodyPublishers.noBody()).build());
        HttpResponse<String> negative = tus.send(tus.request("/files/").header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "-5").header("Upload-Metadata", TusHttp.encode(meta))
                .POST(BodyPublishers.noBody()).build());

        assertEquals(400, missing.statusCode(), missing::body);
        assertEquals(400, negative.statusCode(), negative::body);
    }

    @Test
    void post_above_the_max_size_is_413() {
        HttpResponse<String> r = tus.create(MAX_UPLOAD + 1, metadata("IPD-1", "S-1", sha256Hex(new byte[0])));

        assertEquals(413, r.statusCode(), r::body);
    }

    @Test
    void post_without_or_with_another_tus_resumable_is_412_naming_the_supported_version() {
        Map<String, String> meta = metadata("IPD-1", "S-1", sha256Hex(new byte[0]));
        HttpResponse<String> missing = tus.send(tus.request("/files/").header("Upload-Length", "10")
                .header("Upload-Metadata", TusHttp.encode(meta)).POST(BodyPublishers.noBody()).build());
        HttpResponse<String> other = tus.send(tus.request("/files/").header("Tus-Resumable", "0.2.2")
                .header("Upload-Length", "10").header("Upload-Metadata", TusHttp.encode(meta))
                .POST(BodyPublishers.noBody()).build());

        assertEquals(412, missing.statusCode(), missing::body);
        assertEquals(412, other.statusCode(), other::body);
        assertEquals(Optional.of("1.0.0"), other.headers().firstValue("Tus-Version"));
        assertEquals(0, ledger.snapshot().counters().uploadsCreated(), "a 412 request must not be processed");
    }

    @Test
    void post_without_device_or_segment_metadata_is_400() {
        HttpResponse<String> r = tus.create(10, Map.of("deviceId", "IPD-1", "sha256", sha256Hex(new byte[10])));

        assertEquals(400, r.statusCode(), r::body);
    }

    @Test
    void head_reports_offset_length_and_metadata_and_forbids_caching() {
        Map<String, String> meta = metadata("IPD-1", "S-1", sha256Hex(new byte[100]));
        String location = tus.created(100, meta);

        HttpResponse<String> r = tus.head(location);

        assertEquals(200, r.statusCode());
        assertEquals(Optional.of("0"), r.headers().firstValue("Upload-Offset"));
        assertEquals(Optional.of("100"), r.headers().firstValue("Upload-Length"));
        assertEquals(Optional.of(TusHttp.encode(meta)), r.headers().firstValue("Upload-Metadata"));
        assertEquals(Optional.of("no-store"), r.headers().firstValue("Cache-Control"));
    }

    @Test
    void head_of_an_unknown_upload_is_404_without_an_offset() {
        HttpResponse<String> r = tus.head("/files/nope");

        assertEquals(404, r.statusCode());
        assertEquals(Optional.empty(), r.headers().firstValue("Upload-Offset"));
    }

    @Test
    void patch_commits_a_chunk_and_answers_the_new_offset() {
        byte[] data = bytes(1000, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 0, Arrays.copyOf(data, 400), null);

        assertEquals(204, r.statusCode(), r::body);
        assertEquals(Optional.of("400"), r.headers().firstValue("Upload-Offset"));
        assertEquals("400", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
        assertEquals(400, ledger.snapshot().counters().bytesReceived());
    }

    @Test
    void patch_at_another_offset_is_409_and_changes_nothing() {
        byte[] data = bytes(1000, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 10, Arrays.copyOf(data, 10), null);

        assertEquals(409, r.statusCode(), r::body);
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void patch_with_another_content_type_is_415() {
        byte[] data = bytes(10, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(data)).build());

        assertEquals(415, r.statusCode(), r::body);
    }

    @Test
    void patch_whose_sha256_checksum_mismatches_is_460_and_the_offset_stays() {
        byte[] data = bytes(1000, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 0, data, checksum("sha256", bytes(1000, 2)));

        assertEquals(460, r.statusCode(), r::body);
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
        assertEquals(1, ledger.snapshot().counters().checksumFailures());
        assertEquals(0, ledger.snapshot().counters().bytesReceived());
    }

    @Test
    void patch_with_a_matching_sha1_checksum_is_committed() {
        byte[] data = bytes(1000, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 0, data, checksum("sha1", data));

        assertEquals(204, r.statusCode(), r::body);
        assertEquals(Optional.of("1000"), r.headers().firstValue("Upload-Offset"));
    }

    @Test
    void patch_with_an_unsupported_checksum_algorithm_is_400() {
        byte[] data = bytes(10, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 0, data, "md5 CY9rzUYh03PK3k6DJie09g==");

        assertEquals(400, r.statusCode(), r::body);
    }

    @Test
    void patch_beyond_the_upload_length_is_413_and_commits_nothing() {
        byte[] data = bytes(10, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        HttpResponse<String> r = tus.patch(location, 0, bytes(11, 1), null);

        assertEquals(413, r.statusCode(), r::body);
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void patch_to_an_unknown_upload_is_404() {
        HttpResponse<String> r = tus.patch("/files/nope", 0, bytes(10, 1), null);

        assertEquals(404, r.statusCode(), r::body);
    }

    @Test
    void patch_body_cut_short_by_a_broken_connection_commits_nothing() throws Exception {
        byte[] data = bytes(1000, 1);
        String location = tus.created(data.length, metadata("IPD-1", "S-1", sha256Hex(data)));

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                    + "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, 600);
            out.flush();
        }

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> tus.head(location).headers().firstValue("Upload-Offset").orElseThrow(), "0"::equals);
        assertEquals(0, ledger.snapshot().counters().bytesReceived());
        HttpResponse<String> resent = tus.patch(location, 0, data, checksum("sha256", data));
        assertEquals(204, resent.statusCode(), resent::body);
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("IPD-1", "S-1").orElseThrow().status());
    }

    @Test
    void delete_terminates_the_upload_and_its_url_answers_404_afterwards() {
        String location = tus.created(10, metadata("IPD-1", "S-1", sha256Hex(new byte[10])));

        HttpResponse<String> deleted = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0").DELETE().build());

        assertEquals(204, deleted.statusCode(), deleted::body);
        assertEquals(404, tus.head(location).statusCode());
        assertEquals(404, tus.patch(location, 0, new byte[10], null).statusCode());
        assertEquals(1, ledger.snapshot().counters().uploadsTerminated());
    }

    @Test
    void a_zero_length_upload_completes_at_creation() {
        HttpResponse<String> r = tus.create(0, metadata("IPD-1", "S-0", sha256Hex(new byte[0])));

        assertEquals(201, r.statusCode(), r::body);
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("IPD-1", "S-0").orElseThrow().status());
    }

    @Test
    void x_http_method_override_is_taken_as_the_method() {
        String location = tus.created(10, metadata("IPD-1", "S-1", sha256Hex(new byte[10])));

        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0")
                .header("X-HTTP-Method-Override", "DELETE").POST(BodyPublishers.noBody()).build());

        assertEquals(204, r.statusCode(), r::body);
        assertEquals(404, tus.head(location).statusCode());
    }

    @Test
    void a_malformed_request_gets_400_and_the_connection_is_closed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("NOT A REQUEST\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);

            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }
}
