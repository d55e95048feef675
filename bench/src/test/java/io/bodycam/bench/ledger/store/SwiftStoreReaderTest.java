package io.bodycam.bench.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.link.SwiftEvidenceLink;
import io.bodycam.sim.testing.SwiftProcess;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bench's read-back of a Swift account against OpenStack Swift (Debian's, nobody here wrote it), with
 * clips stored behind the cameras' back: a clip in a second container is a duplicate, other bytes under a
 * clip's name are corrupt, a missing clip is lost, and objects no recorded segment names are unexpected;
 * the destination's own {@code System} container is not.
 */
class SwiftStoreReaderTest {

    private static final long T0 = 1_799_046_000_000L;
    private static SwiftProcess swift;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(SwiftProcess.unavailable().isEmpty(), () -> "skipped: " + SwiftProcess.unavailable().orElse(""));
        swift = SwiftProcess.start(Map.of("camera", "secret"));
    }

    @AfterAll
    static void stop() {
        if (swift != null) {
            swift.close();
        }
    }

    @Test
    void the_store_read_back_finds_what_the_account_really_holds() throws Exception {
        DeviceLedger ledger = new DeviceLedger();
        byte[][] recorded = {bytes("one"), bytes("two"), bytes("three"), bytes("four")};
        for (int i = 0; i < recorded.length; i++) {
            long start = T0 + 300_000L * i;
            ledger.onEvent(new SegmentClosed("CAM-01", start, "CAM-01-R1", "CAM-01-R1-S00" + (i + 1), i, recorded[i].length,
                    recorded[i].length, sha256(recorded[i]), start, start + 299_999, 0));
        }
        String recording = "officer-1_CAM-01_20270104T070000Z";
        swift.store(recording, clip(0), recorded[0]);
        swift.store(recording, clip(1), bytes("two, overwritten"));
        swift.store(recording, clip(2), recorded[2]);
        swift.store("officer-1_CAM-01_20270104T071000Z", clip(2), recorded[2]);
        swift.store("officer-9_CAM-99_20270104T070000Z", SwiftEvidenceLink.objectName("CAM-99-R9", T0, false), bytes("nobody's"));
        swift.store(recording, "notes.txt", bytes("nor this"));
        swift.store("System", "Capabilities.json", bytes("{}"));
        StringWriter console = new StringWriter();

        StoreReadBack read = reader("secret").read(segments(ledger),
                new ReadProgress(new PrintWriter(console, true), Duration.ofSeconds(5), System::nanoTime));
        LedgerCheck.Result r = LedgerCheck.check(ledger, Map.of("CAM-01", Set.of()), read);

        String figures = r + "\n" + read.allKeys() + "\n" + console;
        assertEquals(4, r.recorded(), figures);
        assertEquals(2, r.verified(), "S001 and S003: " + figures);
        assertEquals(1, r.corrupt(), "S002 holds other bytes: " + figures);
        assertEquals(1, r.duplicated(), "S003 is in two containers: " + figures);
        assertEquals(1, r.lost(), "S004 is nowhere: " + figures);
        assertEquals(2, r.unexpected(), "CAM-99's clip and notes.txt, not System: " + figures);
        assertTrue(console.toString().contains("read back 4/4 objects"), figures);
    }

    @Test
    void a_store_that_refuses_the_bench_is_an_error_that_says_so() {
        IOException e = assertThrows(IOException.class, () -> reader("wrong").read(List.of(),
                new ReadProgress(new PrintWriter(new StringWriter()), Duration.ofSeconds(5), System::nanoTime)));

        assertTrue(e.getMessage().contains("answered 401"), e.getMessage());
    }

    private static String clip(int index) {
        return SwiftEvidenceLink.objectName("CAM-01-R1", T0 + 300_000L * index, false);
    }

    private static SwiftStoreReader reader(String key) {
        Credentials login = swift.credentials("camera");
        Credentials given = new Credentials(login.id(), key);
        SwiftClientConfig config = SwiftClientConfig.builder().connection(ConnectionSettings.builder(swift.endpoint()).build())
                .credentials(CredentialSource.fixed(given)).build();
        return new SwiftStoreReader(config, () -> given, null);
    }

    private static List<RecordedSegment> segments(DeviceLedger ledger) {
        return ledger.entries().stream().map(e -> RecordedSegment.of(e, "ipd", "officer-1", false)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
