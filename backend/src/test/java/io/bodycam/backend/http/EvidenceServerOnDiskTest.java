package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.checksum;
import static io.bodycam.backend.http.TusHttp.metadata;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.testing.EventLoopGuard;
import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.video.SegmentWriter;
import io.bodycam.sim.video.WrittenSegment;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence server storing uploads on disk (mp4 mode): tus semantics stay those of the in-memory
 * server (an offset moves, and a PATCH is answered, only once its bytes are in the file), while every
 * write, open, move and delete happens off the event loops (the test fails if one of them blocks).
 */
@EventLoopGuard.Guarded
class EvidenceServerOnDiskTest {

    private static final String DEVICE = "CAM-1";
    private static final String SEGMENT = "CAM-1-R00001-S001";
    private static byte[] mp4;

    @TempDir
    Path dir;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private EvidenceServer server;
    private TusHttp tus;

    @BeforeAll
    static void writeSegment(@TempDir Path tmp) throws Exception {
        WrittenSegment w = new SegmentWriter(TestClips.library(TestClips.small()))
                .write(Mp4ArrivalTest.spec(DEVICE, SEGMENT, 2_000), tmp.resolve("s.mp4"));
        mp4 = Files.readAllBytes(w.file());
    }

    @BeforeEach
    void start() {
        server = new EvidenceServer(new ManualClock(Instant.parse("2026-01-01T08:00:00Z")), ledger,
                new DeviceConfigStore(), EvidenceServerConfig.builder().threads(1)
                        .mp4Checks(dir.resolve("evidence"), true).build()).start();
        tus = new TusHttp(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_patch_is_answered_once_its_bytes_are_in_the_upload_file() throws Exception {
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));

        HttpResponse<String> r = tus.patch(location, 0, Arrays.copyOf(mp4, 5000), checksum("sha256", Arrays.copyOf(mp4, 5000)));

        assertEquals(204, r.statusCode(), r::body);
        assertArrayEquals(Arrays.copyOf(mp4, 5000), Arrays.copyOf(Files.readAllBytes(partFile()), 5000));
        assertEquals("5000", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void a_chunk_whose_checksum_mismatches_is_460_and_the_offset_stays() {
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));

        HttpResponse<String> r = tus.patch(location, 0, Arrays.copyOf(mp4, 5000), checksum("sha256", new byte[1]));

        assertEquals(460, r.statusCode(), r::body);
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
        assertEquals(0, ledger.snapshot().counters().bytesReceived());
    }

    @Test
    void a_second_patch_at_the_same_offset_ending_after_the_first_committed_is_409() throws Exception {
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));
        try (Socket lingering = new Socket("127.0.0.1", server.port())) {
            lingering.setSoTimeout(5_000);
            OutputStream out = lingering.getOutputStream();
            out.write(patchHead(location, 1000).getBytes(StandardCharsets.US_ASCII));
            out.write(mp4, 0, 600);
            out.flush();

            HttpResponse<String> first = tus.patch(location, 0, Arrays.copyOf(mp4, 1000), null);
            out.write(mp4, 600, 400);
            out.flush();

            assertEquals(204, first.statusCode(), first::body);
            assertTrue(statusLine(lingering.getInputStream()).startsWith("HTTP/1.1 409"), "the late PATCH conflicts");
        }
        assertEquals("1000", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void a_patch_cut_short_by_a_broken_connection_commits_nothing_and_the_resent_chunk_completes_the_upload()
            throws Exception {
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(patchHead(location, mp4.length).getBytes(StandardCharsets.US_ASCII));
            out.write(mp4, 0, mp4.length / 2);
            out.flush();
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> tus.head(location).headers().firstValue("Upload-Offset").orElseThrow(), "0"::equals);

        HttpResponse<String> resent = tus.patch(location, 0, mp4, checksum("sha256", mp4));

        assertEquals(204, resent.statusCode(), resent::body);
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry(DEVICE, SEGMENT).orElseThrow().status());
        Path kept = dir.resolve("evidence").resolve(DEVICE).resolve(SEGMENT + ".mp4");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(kept));
        assertArrayEquals(mp4, Files.readAllBytes(kept));
    }

    @Test
    void termination_deletes_the_upload_file() throws Exception {
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));
        assertEquals(204, tus.patch(location, 0, Arrays.copyOf(mp4, 100), null).statusCode());
        Path part = partFile();

        HttpResponse<String> r = tus.send(tus.request(location).header("Tus-Resumable", "1.0.0").DELETE().build());

        assertEquals(204, r.statusCode(), r::body);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(part));
    }

    @Test
    void an_upload_whose_file_cannot_be_written_is_answered_500_and_commits_nothing() throws Exception {
        Files.createDirectories(dir.resolve("evidence"));
        Files.writeString(dir.resolve("evidence").resolve(DEVICE), "a file where the device's folder should be");
        String location = tus.created(mp4.length, metadata(DEVICE, SEGMENT, TusHttp.sha256Hex(mp4)));

        HttpResponse<String> r = tus.patch(location, 0, Arrays.copyOf(mp4, 100), null);

        assertEquals(500, r.statusCode(), r::body);
        assertTrue(r.body().contains("cannot store the upload"), r.body());
        assertEquals("0", tus.head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** The one file an upload of {@link #SEGMENT} streams into. */
    private Path partFile() throws Exception {
        try (var files = Files.list(dir.resolve("evidence").resolve(DEVICE))) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(1, parts.size(), parts.toString());
            return parts.get(0);
        }
    }

    private static String patchHead(String location, int length) {
        return "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
