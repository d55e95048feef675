package io.bodycam.bench.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The capability file as a vendor writes it: what it claims, and each mistake named with its field. */
class CapabilitiesTest {

    @Test
    void the_shipped_example_claims_what_the_standalone_reference_backend_has() throws Exception {
        Capabilities c = Capabilities.read(Path.of("../examples/capabilities.yaml"));
        Set<String> standalone = new java.util.TreeSet<>(ConformanceKit.REFERENCE_CLAIMS);
        standalone.remove(Target.FIRMWARE); // bodycam backend releases no firmware of its own
        standalone.remove(Target.BROKER_RESTART); // and no command restarts its broker alone
        assertEquals(standalone, c.claims());
        assertEquals(Target.CONTRACT_HEAD_DEADLINE, c.headDeadline());
    }

    @Test
    void claims_and_head_deadline_make_the_target() {
        Target t = Capabilities.parse("caps.yaml", "claims: [checksum, head-deadline]\nheadDeadline: 10s\n")
                .target(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080"));
        assertEquals(Set.of(Target.CHECKSUM, Target.HEAD_DEADLINE), t.capabilities());
        assertEquals(Duration.ofSeconds(10), t.headDeadline());
        assertEquals(Target.CONTRACT_HEAD_DEADLINE, Capabilities.parse("caps.yaml", "claims: [head-deadline]").headDeadline(),
                "the contract's 30 s when no headDeadline is given");
        assertEquals(Set.of(), Capabilities.parse("caps.yaml", "claims: []").claims());
        Target restartable = Capabilities.parse("caps.yaml", "claims: [broker-restart]\nbrokerRestart: \"systemctl restart mosquitto\"")
                .target(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080"));
        assertTrue(restartable.claims(Target.BROKER_RESTART) && restartable.brokerRestart() != null);
        assertEquals("IPD-0001", Capabilities.parse("caps.yaml", "claims: [firmware]\nfirmwareDevice: IPD-0001")
                .target(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080")).firmwareDevice());
    }

    @Test
    void each_mistake_is_named_with_the_file_and_the_field() {
        for (List<String> bad : List.of(
                List.of("claims: [checksum, teleport]", "caps.yaml: claims: unknown capability 'teleport' (known: broker-restart, checksum, "
                        + "firmware, head-deadline, max-size, termination, time, topic-acl, verdict)"),
                List.of("claim: [checksum]", "caps.yaml: unknown key 'claim' (known: claims, headDeadline, firmwareDevice, brokerRestart)"),
                List.of("headDeadline: 5s", "caps.yaml: 'claims' must be a list of capabilities"),
                List.of("claims: [time]\nheadDeadline: 5s", "caps.yaml: headDeadline is given but 'head-deadline' is not claimed"),
                List.of("claims: [head-deadline]\nheadDeadline: soon", "caps.yaml: headDeadline: "),
                List.of("claims: [head-deadline]\nheadDeadline: 1h", "caps.yaml: headDeadline must be 100ms..10m, was 1h"),
                List.of("claims: [firmware]", "caps.yaml: 'firmware' is claimed: give firmwareDevice"),
                List.of("claims: []\nfirmwareDevice: IPD-0001", "caps.yaml: firmwareDevice is given but 'firmware' is not claimed"),
                List.of("claims: [firmware]\nfirmwareDevice: a/b", "caps.yaml: firmwareDevice must be a device id"),
                List.of("claims: [broker-restart]", "caps.yaml: 'broker-restart' is claimed: give brokerRestart"),
                List.of("claims: []\nbrokerRestart: systemctl restart mosquitto", "caps.yaml: brokerRestart is given but 'broker-restart' is not claimed"),
                List.of("claims: [broker-restart]\nbrokerRestart: [a, b]", "caps.yaml: brokerRestart must be a shell command"),
                List.of("- checksum", "caps.yaml: the top level must be a mapping"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Capabilities.parse("caps.yaml", bad.get(0)));
            assertTrue(e.getMessage().startsWith(bad.get(1)), () -> bad.get(0) + " -> " + e.getMessage());
        }
    }
}
