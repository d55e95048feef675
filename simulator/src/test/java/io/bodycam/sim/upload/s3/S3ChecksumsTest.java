package io.bodycam.sim.upload.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadPacer;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S3 checksums and giving up, against a scripted server that does what S3 documents (S3Proxy cannot). */
class S3ChecksumsTest {

    private static final int PART = 64 * 1024;

    private ScriptedS3Server server;
    private EventLoopGroup group;
    private S3Client client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedS3Server();
        group = Transport.best().newGroup(1);
        S3ClientConfig config = S3ClientConfig.builder()
                .connection(ConnectionSettings.builder(server.endpoint()).maxAttempts(3)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())
                .bucket("evidence").partSize(PART).smallPartsAccepted(true).pieceSize(16 * 1024).checksums(true)
                .credentials(CredentialSource.fixed(new Credentials("id", "secret"))).build();
        client = new S3Client(config, "IPD-1", "metro", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(1),
                Clock.systemUTC(), UploadPacer.UNLIMITED);
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void every_part_carries_its_sha256_and_the_returned_composite_checksum_vouches_for_the_segment() throws Exception {
        byte[] data = bytes(3 * PART + 1000);

        S3Outcome outcome = client.upload("metro/IPD-1/S-1.mp4", sha(data), new InMemoryByteSource(data), null)
                .get(10, TimeUnit.SECONDS);

        assertEquals(4, outcome.parts());
        assertEquals(Optional.of(sha(data)), outcome.vouchedSha256(), outcome::toString);
        assertEquals(4, server.log().stream().filter(l -> l.contains("partNumber") && l.endsWith("checksum")).count(),
                server.log()::toString);
        assertArrayEquals(data, server.objects().get("/evidence/metro/IPD-1/S-1.mp4"));
    }

    @Test
    void each_part_the_server_took_is_told_with_the_bytes_of_all_parts_held_and_a_put_object_tells_nothing()
            throws Exception {
        byte[] data = bytes(3 * PART + 1000);
        byte[] small = bytes(PART - 1);
        List<Long> told = new CopyOnWriteArrayList<>();

        client.upload("metro/IPD-1/S-1.mp4", sha(data), new InMemoryByteSource(data), null,
                (committed, total) -> told.add(total == data.length ? committed : -committed)).get(10, TimeUnit.SECONDS);
        client.upload("k.mp4", sha(small), new InMemoryByteSource(small), null, (committed, total) -> told.add(0L))
                .get(10, TimeUnit.SECONDS);

        assertEquals(List.of((long) PART, 2L * PART, 3L * PART, (long) data.length), told);
    }

    @Test
    void a_put_object_is_vouched_for_by_the_checksum_the_server_returns() throws Exception {
        byte[] data = bytes(PART - 1);

        S3Outcome outcome = client.upload("k.mp4", sha(data), new InMemoryByteSource(data), null).get(10, TimeUnit.SECONDS);

        assertEquals(0, outcome.parts());
        assertEquals(Optional.of(sha(data)), outcome.vouchedSha256());
        assertTrue(outcome.basis().contains("x-amz-checksum-sha256"), outcome.basis());
    }

    @Test
    void giving_up_aborts_the_multipart_upload_so_the_server_frees_its_parts() throws Exception {
        server.failNextParts(10, 500);
        byte[] data = bytes(2 * PART);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.upload("k.mp4", sha(data), new InMemoryByteSource(data), null).get(10, TimeUnit.SECONDS));

        assertEquals(UploadException.Kind.GAVE_UP, assertInstanceOf(UploadException.class, e.getCause()).kind());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.log().stream().anyMatch(l -> l.startsWith("DELETE /evidence/k.mp4?uploadId=u1")));
        assertEquals(List.of(), server.log().stream().filter(l -> l.startsWith("POST /evidence/k.mp4?uploadId")).toList(),
                "never completed");
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new SplittableRandom(n).nextBytes(data);
        return data;
    }

    private static String sha(byte[] data) {
        return HexFormat.of().formatHex(ScriptedS3Server.sha256(data));
    }
}
