package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bodycam conform} as a user types it: the embedded backend passes, bad input is named. */
class ConformCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int conform(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "conform";
        System.arraycopy(args, 0, all, 1, args.length);
        return BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void the_embedded_reference_backend_passes_every_applicable_case(@TempDir Path dir) throws Exception {
        assertEquals(0, conform("--out", dir.toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("PASS  TUS-OFFSET-01"), out::toString);
        assertTrue(out.toString().contains("n/a   MQTT-ACL-01"), out::toString);
        assertTrue(out.toString().contains("bodycam conform: PASSED: 26 passed, 0 failed, 1 not applicable"), out::toString);
        assertTrue(Files.size(dir.resolve("conformance-junit.xml")) > 0);
        assertTrue(Files.readString(dir.resolve("conformance.html")).contains("MQTT-KEEPALIVE-01"));
    }

    @Test
    void a_capability_file_says_what_is_claimed(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("caps.yaml");
        Files.writeString(caps, "claims: [checksum, termination]\n");
        assertEquals(0, conform("--capabilities", caps.toString(), "--out", dir.toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("claims: checksum, termination"), out::toString);
        assertTrue(out.toString().contains("n/a   HTTP-SLOWLORIS-01"), out::toString);
        assertTrue(out.toString().contains("PASSED: 16 passed, 0 failed, 11 not applicable"), out::toString);
    }

    @Test
    void one_case_alone_catches_the_broker_mutant(@TempDir Path dir) throws Exception {
        // a capability file's restart command is for a backend of your own: the embedded one restarts its broker itself
        Path caps = dir.resolve("caps.yaml");
        Files.writeString(caps, "claims: [broker-restart]\nbrokerRestart: 'exit 7'\n");
        assertEquals(1, conform("--mutant", "FORGETS_RETAINED", "--capabilities", caps.toString(), "--case", "MQTT-RESTART-01",
                "--out", dir.toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("FAIL  MQTT-RESTART-01") && out.toString().contains("FAILED: 0 passed, 1 failed"),
                out::toString);
        assertTrue(out.toString().contains("the broker forgot it") && !out.toString().contains("exited 7"), out::toString);
        assertEquals(2, conform("--case", "MQTT-NOPE-01"));
        assertTrue(err.toString().contains("--case: no case 'MQTT-NOPE-01' in the kit"), err::toString);
    }

    @Test
    void a_bad_capability_file_or_both_ways_of_claiming_is_bad_input(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("caps.yaml");
        Files.writeString(caps, "claims: [checksum, teleport]\n");
        assertEquals(2, conform("--capabilities", caps.toString()));
        assertTrue(err.toString().contains(caps + ": claims: unknown capability 'teleport'"), err::toString);
        assertEquals(2, conform("--capabilities", caps.toString(), "--claims", "checksum"));
        assertTrue(err.toString().contains("give --claims or --capabilities, not both"), err::toString);
    }

    @Test
    void half_a_backend_or_an_unknown_capability_is_bad_input() {
        assertEquals(2, conform("--mqtt", "tcp://127.0.0.1:1883"));
        assertTrue(err.toString().contains("give both --mqtt and --upload"), err::toString);
        assertEquals(2, conform("--claims", "teleport"));
        assertTrue(err.toString().contains("unknown capability 'teleport' (known: broker-restart, checksum, firmware, head-deadline, max-size, termination, time, topic-acl, verdict)"), err::toString);
    }

    @Test
    void a_mutant_of_the_embedded_backend_is_caught(@TempDir Path dir) {
        assertEquals(1, conform("--mutant", "KEEPS_DUPLICATES", "--out", dir.toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("FAIL  EVIDENCE-DUP-01"), out::toString);
        assertTrue(out.toString().contains("the backend holds 2 copies of one segment"), out::toString);
        assertEquals(2, conform("--mutant", "KEEPS_DUPLICATES", "--mqtt", "tcp://127.0.0.1:1", "--upload", "http://127.0.0.1:1"));
    }
}
