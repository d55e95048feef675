package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.netty.channel.EventLoopGroup;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tus checksum extension as the client uses it: discovered by OPTIONS, sent only when offered. */
class TusChecksumTest {

    private static final int CHUNK = 1000;

    private ScriptedTusServer server;
    private EventLoopGroup group;
    private TusClient client;

    @BeforeEach
    void start() throws InterruptedException {
        server = new ScriptedTusServer();
        group = Transport.best().newGroup(1);
        TusClientConfig config = TusClientConfig.builder().endpoint(server.uri()).chunkSize(CHUNK).build();
        client = new TusClient(config, group.next(), Transport.best(),
                WallClock.startingAt(0, 1000, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(1));
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void every_chunk_carries_its_sha256_when_the_server_offers_it_and_the_outcome_says_all_bytes_were_checked()
            throws Exception {
        byte[] data = bytes(2500);

        UploadOutcome outcome = upload("S-1", data);

        List<String> sent = checksums();
        assertEquals(List.of("sha256 " + b64(sha("SHA-256", data, 0, 1000)), "sha256 " + b64(sha("SHA-256", data, 1000, 1000)),
                "sha256 " + b64(sha("SHA-256", data, 2000, 500))), sent);
        assertEquals(Optional.of(HexFormat.of().formatHex(sha("SHA-256", data, 0, data.length))),
                outcome.checksummedSha256());
    }

    @Test
    void a_server_that_offers_only_sha1_gets_sha1() throws Exception {
        server.offers("creation,checksum", "md5,sha1");
        byte[] data = bytes(800);

        UploadOutcome outcome = upload("S-1", data);

        assertEquals(List.of("sha1 " + b64(sha("SHA-1", data, 0, 800))), checksums());
        assertTrue(outcome.checksummedSha256().isPresent(), outcome::toString);
    }

    @Test
    void a_server_without_the_checksum_extension_gets_no_checksum_and_proves_nothing() throws Exception {
        server.offers("creation,creation-with-upload,termination,expiration", null);

        UploadOutcome outcome = upload("S-1", bytes(2500));

        assertEquals(List.of(), checksums(), server.seen()::toString);
        assertEquals(Optional.empty(), outcome.checksummedSha256());
    }

    @Test
    void a_server_that_announces_only_algorithms_this_client_lacks_gets_no_checksum() throws Exception {
        server.offers("creation,checksum", "md5,crc32");

        UploadOutcome outcome = upload("S-1", bytes(1500));

        assertEquals(List.of(), checksums());
        assertEquals(Optional.empty(), outcome.checksummedSha256());
    }

    @Test
    void the_server_is_asked_once_for_its_capabilities() throws Exception {
        upload("S-1", bytes(100));
        upload("S-2", bytes(100));

        assertEquals(1, server.discoveries());
    }

    private UploadOutcome upload(String key, byte[] data) throws Exception {
        String sha = HexFormat.of().formatHex(sha("SHA-256", data, 0, data.length));
        return client.upload(new UploadRequest(key, Map.of("segmentId", key), new InMemoryByteSource(data), sha))
                .get(10, TimeUnit.SECONDS);
    }

    private List<String> checksums() {
        return server.seen().stream().filter(s -> s.method().equals("PATCH") && s.checksum() != null)
                .map(ScriptedTusServer.Seen::checksum).toList();
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new SplittableRandom(n).nextBytes(data);
        return data;
    }

    private static byte[] sha(String algorithm, byte[] data, int from, int length) throws Exception {
        MessageDigest d = MessageDigest.getInstance(algorithm);
        d.update(data, from, length);
        return d.digest();
    }

    private static String b64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }
}
