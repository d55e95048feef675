package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.metadata;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.time.ManualClock;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evidence server's verdicts, time, configuration and routing, over real loopback sockets. */
class EvidenceServerContractTest {

    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock(START);
    private final EvidenceLedger ledger = new EvidenceLedger();
    private final DeviceConfigStore configs = new DeviceConfigStore();
    private EvidenceServer server;
    private TusHttp tus;

    @BeforeEach
    void start() {
        server = new EvidenceServer(clock, ledger, configs, EvidenceServerConfig.builder()
                .idleTimeout(Duration.ofMillis(500)).threads(1).build()).start();
        tus = new TusHttp(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_complete_upload_with_the_declared_hash_is_verified() throws Exception {
        byte[] data = bytes(5000, 1);
        assertEquals(204, tus.uploadWhole(data, metadata("IPD-1", "S-1", sha256Hex(data))).statusCode());

        JsonNode verdict = evidence("IPD-1", "S-1");

        assertEquals("verified", verdict.path("status").asText(), verdict::toString);
        assertEquals(sha256Hex(data), verdict.path("sha256").asText());
        assertEquals(5000, verdict.path("bytes").asLong());
        assertEquals(1, verdict.path("copies").asInt());
        assertEquals("IPD-1-R00001", verdict.path("recordingId").asText());
    }

    @Test
    void a_complete_upload_whose_bytes_miss_the_declared_hash_is_corrupt_in_ledger_and_evidence() throws Exception {
        byte[] data = bytes(5000, 1);
        assertEquals(204, tus.uploadWhole(data, metadata("IPD-1", "S-1", sha256Hex(bytes(5000, 2)))).statusCode());

        JsonNode verdict = evidence("IPD-1", "S-1");
        LedgerSnapshot snapshot = ledger.snapshot();

        assertEquals("corrupt", verdict.path("status").asText(), verdict::toString);
        assertEquals(sha256Hex(data), verdict.path("sha256").asText(), "the hash of the bytes held");
        assertEquals(0, verdict.path("copies").asInt());
        assertEquals(EvidenceStatus.CORRUPT, snapshot.entry("IPD-1", "S-1").orElseThrow().status());
        assertEquals(1, snapshot.counters().corrupt());
    }

    @Test
    void a_second_upload_of_a_verified_segment_is_rejected_as_a_duplicate() {
        byte[] data = bytes(5000, 1);
        Map<String, String> meta = metadata("IPD-1", "S-1", sha256Hex(data));
        tus.uploadWhole(data, meta);

        HttpResponse<String> again = tus.uploadWhole(data, meta);

        assertEquals(204, again.statusCode(), "the upload itself succeeds; the backend keeps one copy");
        LedgerSnapshot snapshot = ledger.snapshot();
        assertEquals(1, snapshot.entry("IPD-1", "S-1").orElseThrow().copies());
        assertEquals(1, snapshot.counters().duplicatesRejected());
        assertEquals(2, snapshot.counters().completed());
    }

    @Test
    void an_incomplete_upload_is_reported_incomplete_without_a_hash() throws Exception {
        tus.created(100, metadata("IPD-1", "S-1", sha256Hex(new byte[100])));

        JsonNode verdict = evidence("IPD-1", "S-1");

        assertEquals("incomplete", verdict.path("status").asText(), verdict::toString);
        assertTrue(verdict.path("sha256").isNull(), verdict::toString);
    }

    @Test
    void evidence_of_a_segment_never_uploaded_is_404() {
        assertEquals(404, tus.get("/evidence/IPD-1/never").statusCode());
    }

    @Test
    void time_answers_the_virtual_clock_in_json_and_in_the_date_header() throws Exception {
        clock.advance(Duration.ofMinutes(90));

        HttpResponse<String> r = tus.get("/time");

        assertEquals(200, r.statusCode(), r::body);
        assertEquals(START.plus(Duration.ofMinutes(90)).toEpochMilli(), JSON.readTree(r.body()).path("epochMillis").asLong());
        assertEquals(Optional.of("Thu, 01 Jan 2026 09:30:00 GMT"), r.headers().firstValue("Date"));
    }

    @Test
    void config_is_empty_at_version_0_until_the_bench_sets_values() throws Exception {
        JsonNode before = JSON.readTree(tus.get("/devices/IPD-1/config").body());
        configs.update("IPD-1", Map.of("heartbeat", "10s"));
        JsonNode after = JSON.readTree(tus.get("/devices/IPD-1/config").body());

        assertEquals(0, before.path("version").asLong(), before::toString);
        assertEquals(0, before.path("config").size(), before::toString);
        assertEquals(1, after.path("version").asLong(), after::toString);
        assertEquals("10s", after.path("config").path("heartbeat").asText(), after::toString);
    }

    @Test
    void an_unknown_path_is_404() {
        assertEquals(404, tus.get("/firmware/latest").statusCode());
        assertEquals(404, tus.get("/files/a/b").statusCode());
    }

    @Test
    void a_method_a_path_does_not_take_is_405_with_allow() {
        HttpResponse<String> r = tus.send(tus.request("/time").POST(BodyPublishers.noBody()).build());
        HttpResponse<String> files = tus.send(tus.request("/files/").header("Tus-Resumable", "1.0.0").GET().build());

        assertEquals(405, r.statusCode(), r::body);
        assertEquals(Optional.of("GET"), r.headers().firstValue("Allow"));
        assertEquals(405, files.statusCode(), files::body);
        assertEquals(Optional.of("OPTIONS, POST"), files.headers().firstValue("Allow"));
    }

    @Test
    void answers_4xx_are_counted_in_the_ledger() {
        tus.get("/nowhere");
        tus.head("/files/nope");

        assertEquals(2, ledger.snapshot().counters().answered4xx());
        assertEquals(0, ledger.snapshot().counters().answered5xx());
    }

    @Test
    void a_silent_connection_is_closed_after_the_idle_timeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);

            long start = System.nanoTime();
            int read = socket.getInputStream().read();

            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(-1, read, "the server should close the connection");
            assertTrue(elapsedMillis >= 400, "closed after " + elapsedMillis + " ms, before the 500 ms idle timeout");
        }
    }

    private JsonNode evidence(String deviceId, String segmentId) throws Exception {
        HttpResponse<String> r = tus.get("/evidence/" + deviceId + "/" + segmentId);
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }
}
