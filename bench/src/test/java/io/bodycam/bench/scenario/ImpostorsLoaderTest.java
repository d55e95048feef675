package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code impostors} key of a scenario (docs/scenarios.md#impostors). */
class ImpostorsLoaderTest {

    private static final String TLS = """
            name: m
            duration: 1h
            backend:
              tls:
                certs: /tmp/some-pki
                uploads: mutual
            fleet:
              - count: 2
            """;

    @Test
    void impostors_without_kinds_are_every_kind_thirty_seconds_in() {
        Scenario s = ScenarioLoader.parse("s.yaml", TLS + "impostors: {}\n");
        assertEquals(List.of(ImpostorKind.values()), s.impostors().kinds());
        assertEquals(Duration.ofSeconds(30), s.impostors().at());
        assertEquals(List.of("IMPOSTOR-REVOKED", "IMPOSTOR-TOPIC", "IMPOSTOR-WILL", "IMPOSTOR-UPLOAD"), s.impostors().certificateIds());
        assertEquals(java.util.Set.of("IMPOSTOR-REVOKED"), s.impostors().revokedIds());
    }

    @Test
    void listed_kinds_and_time_are_kept() {
        Scenario s = ScenarioLoader.parse("s.yaml", TLS + "impostors: {at: 5m, kinds: [expired, otherTopic]}\n");
        assertEquals(List.of(ImpostorKind.EXPIRED, ImpostorKind.OTHER_TOPIC), s.impostors().kinds());
        assertEquals(Duration.ofMinutes(5), s.impostors().at());
        assertEquals(List.of("IMPOSTOR-TOPIC"), s.impostors().certificateIds());
        assertTrue(s.impostors().revokedIds().isEmpty());
    }

    @Test
    void a_scenario_without_impostors_has_none() {
        assertFalse(ScenarioLoader.parse("s.yaml", TLS).impostors().any());
    }

    @Test
    void an_unknown_kind_is_named_with_the_kinds_there_are() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", TLS + "impostors: {kinds: [revokd]}\n"));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("unknown kind 'revokd'") && first.contains("revoked, expired, foreignCa, otherTopic, replayWill, otherUpload"), first);
    }

    @Test
    void impostors_need_mutual_tls_with_a_pki_folder() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", """
                name: m
                duration: 1h
                fleet:
                  - count: 2
                impostors: {}
                """));
        assertTrue(e.getMessage().contains("impostors need mutual TLS: backend.tls.certs"), e.getMessage());
    }

    @Test
    void an_impostor_uploading_as_another_device_needs_uploads_over_mutual_tls() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml",
                TLS.replace("    uploads: mutual\n", "") + "impostors: {kinds: [otherUpload]}\n"));
        assertTrue(e.getMessage().contains("the otherUpload impostor needs uploads over mutual TLS"), e.getMessage());
        Scenario brokerOnly = ScenarioLoader.parse("s.yaml", TLS.replace("    uploads: mutual\n", "") + "impostors: {kinds: [revoked]}\n");
        assertEquals(List.of(ImpostorKind.REVOKED), brokerOnly.impostors().kinds());
    }

    @Test
    void impostors_after_the_end_are_an_error() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", TLS + "impostors: {at: 2h}\n"));
        assertTrue(e.getMessage().contains("impostors.at PT2H is after the end of the run"), e.getMessage());
    }
}
