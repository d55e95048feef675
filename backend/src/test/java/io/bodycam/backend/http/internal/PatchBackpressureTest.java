package io.bodycam.backend.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.backend.http.Mp4Arrivals;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.video.VideoWorkers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PATCH body stored on disk, with the disk pool held by the test: the connection stops reading while
 * a write is under way, and the PATCH is committed and answered only once every byte is in the file.
 */
class PatchBackpressureTest {

    private static final Pattern LOCATION = Pattern.compile("(?i)location: (\\S+)");

    @TempDir
    Path dir;

    private final VideoWorkers disk = VideoWorkers.manual();
    private final byte[] data = new byte[3000];
    private Mp4Arrivals arrivals;
    private EmbeddedChannel channel;

    @BeforeEach
    void start() {
        new SplittableRandom(3).nextBytes(data);
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T08:00:00Z"));
        arrivals = new Mp4Arrivals(dir, true, disk);
        Backend backend = new Backend(clock, new EvidenceLedger(), new DeviceConfigStore(), EvidenceServerConfig.defaults(),
                new UploadStore(arrivals, null), new Answers(clock), new HttpFaults(1), new FirmwareReleases(), arrivals,
                new UploadIdentity(), null);
        channel = new EmbeddedChannel(new HttpServerCodec(), new EvidenceRequestHandler(backend, new Routes(backend)));
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        arrivals.close();
    }

    @Test
    void reading_stops_while_a_write_is_under_way_and_the_answer_waits_for_the_last_byte_on_disk() throws Exception {
        String location = create();
        assertEquals(1, disk.runQueued(), "the upload's file is opened on the disk pool");

        send("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                + "Content-Type: application/offset+octet-stream\r\nContent-Length: 3000\r\n\r\n", Arrays.copyOf(data, 1000));
        assertFalse(channel.config().isAutoRead(), "no more reading while the first piece is written");
        send("", Arrays.copyOfRange(data, 1000, 3000));
        assertNull(answer(), "not answered before its bytes are on disk");

        assertEquals(1, disk.runQueued(), "the first piece");
        channel.runPendingTasks();
        assertFalse(channel.config().isAutoRead(), "the pieces that arrived meanwhile are being written");
        assertNull(answer());
        assertEquals(1, disk.runQueued(), "the rest in one write");
        channel.runPendingTasks();

        assertTrue(channel.config().isAutoRead(), "reading again once the writes caught up");
        String answer = answer();
        assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
        assertTrue(answer.contains("Upload-Offset: 3000"), answer);
        assertArrayEquals(data, Files.readAllBytes(partFile()));
    }

    @Test
    void a_write_that_fails_answers_500_with_the_reason_and_commits_nothing() throws Exception {
        Files.writeString(dir.resolve("CAM-1"), "a file where the device's folder should be");
        String location = create();
        disk.runQueued();

        send("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                + "Content-Type: application/offset+octet-stream\r\nContent-Length: 1000\r\n\r\n", Arrays.copyOf(data, 1000));
        assertNull(answer());
        assertEquals(1, disk.runQueued());
        channel.runPendingTasks();

        String answer = answer();
        assertTrue(answer.startsWith("HTTP/1.1 500"), answer);
        assertTrue(answer.contains("cannot store the upload"), answer);
    }

    private String create() {
        send("POST /files/ HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 5000\r\n"
                + "Upload-Metadata: deviceId " + base64("CAM-1") + ",segmentId " + base64("S1") + ",sha256 "
                + base64("0".repeat(64)) + "\r\nContent-Length: 0\r\n\r\n", new byte[0]);
        String answer = answer();
        Matcher m = LOCATION.matcher(answer);
        assertTrue(answer.startsWith("HTTP/1.1 201") && m.find(), answer);
        return m.group(1);
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void send(String head, byte[] body) {
        channel.writeInbound(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body));
    }

    /** The next answer written, or null. */
    private String answer() {
        StringBuilder all = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return all.length() == 0 ? null : all.toString();
    }

    private Path partFile() throws Exception {
        try (var files = Files.list(dir.resolve("CAM-1"))) {
            List<Path> parts = files.toList();
            assertEquals(1, parts.size(), parts.toString());
            return parts.get(0);
        }
    }
}
