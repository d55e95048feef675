package io.bodycam.bench.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.testing.S3ProxyProcess;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bench's read-back of an S3 bucket against S3Proxy (a server nobody here wrote), with objects put in
 * its store behind the cameras' back: a copy under another key is a duplicate, other bytes under the
 * segment's key are corrupt, a missing object is lost, and keys of no recorded segment are unexpected.
 */
class S3StoreReaderTest {

    private static final String BUCKET = "evidence";
    private static S3ProxyProcess s3;

    @BeforeAll
    static void start() throws IOException {
        if (System.getProperty("bodycam.s3proxy.jar") == null) {
            System.setProperty("bodycam.s3proxy.jar", Path.of("..", "simulator", "target", "s3proxy", "s3proxy.jar").toString());
        }
        assumeTrue(S3ProxyProcess.unavailable().isEmpty(), () -> "skipped: " + S3ProxyProcess.unavailable().orElse(""));
        s3 = S3ProxyProcess.start(BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void the_store_read_back_finds_what_the_store_really_holds() throws Exception {
        DeviceLedger ledger = new DeviceLedger();
        byte[][] recorded = {bytes("one"), bytes("two"), bytes("three"), bytes("four")};
        for (int i = 0; i < recorded.length; i++) {
            ledger.onEvent(new SegmentClosed("CAM-01", 1000L * i, "R1", "R1-S00" + (i + 1), i, recorded[i].length,
                    recorded[i].length, sha256(recorded[i]), 1000L * i, 1000L * i + 999, 0));
        }
        store("ipd/CAM-01/R1/R1-S001.bin", recorded[0]);
        store("ipd/CAM-01/R1/R1-S002.bin", bytes("two, overwritten"));
        store("ipd/CAM-01/R1/R1-S003.bin", recorded[2]);
        store("ipd/CAM-01/R1-again/R1-S003.bin", recorded[2]);
        store("ipd/CAM-99/R9/R9-S001.bin", bytes("nobody recorded this"));
        store("notes.txt", bytes("nor this"));
        StringWriter console = new StringWriter();

        StoreReadBack read = reader(S3ProxyProcess.CREDENTIALS).read(segments(ledger),
                new ReadProgress(new PrintWriter(console, true), java.time.Duration.ofSeconds(5), System::nanoTime));
        LedgerCheck.Result r = LedgerCheck.check(ledger, Map.of("CAM-01", Set.of()), read);

        String figures = r + "\n" + read.allKeys() + "\n" + console;
        assertEquals(4, r.recorded(), figures);
        assertEquals(2, r.verified(), "R1-S001 and R1-S003: " + figures);
        assertEquals(1, r.corrupt(), "R1-S002 holds other bytes: " + figures);
        assertEquals(1, r.duplicated(), "R1-S003 is there twice: " + figures);
        assertEquals(1, r.lost(), "R1-S004 is nowhere: " + figures);
        assertEquals(2, r.unexpected(), "CAM-99's object and notes.txt: " + figures);
        assertEquals(0, r.corruptAccepted(), "a store vouches for nothing: " + figures);
        assertTrue(console.toString().contains("read back 4/4 objects"), figures);
    }

    @Test
    void a_store_that_refuses_the_bench_is_an_error_that_says_so() {
        IOException e = assertThrows(IOException.class, () -> reader(new Credentials("bodycam-test", "wrong-secret"))
                .read(List.of(), new ReadProgress(new PrintWriter(new StringWriter()), java.time.Duration.ofSeconds(5),
                        System::nanoTime)));

        assertTrue(e.getMessage().contains("answered 403"), e.getMessage());
    }

    private static S3StoreReader reader(Credentials credentials) {
        S3ClientConfig config = S3ClientConfig.builder().connection(ConnectionSettings.builder(s3.endpoint()).build())
                .bucket(BUCKET).credentials(CredentialSource.fixed(credentials)).build();
        return new S3StoreReader(config, () -> credentials, null, Clock.systemUTC());
    }

    private static List<RecordedSegment> segments(DeviceLedger ledger) {
        return ledger.entries().stream().map(e -> RecordedSegment.of(e, "ipd", "officer-1", false)).toList();
    }

    /** Puts an object straight into S3Proxy's filesystem store, as anyone with access to the store could. */
    private static void store(String key, byte[] content) throws IOException {
        Path file = s3.object(BUCKET, key);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
