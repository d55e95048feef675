package io.bodycam.bench.security;

import io.bodycam.bench.scenario.ImpostorKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How attempts become the {@code security.*} metrics. */
class ImpostorRunMetricsTest {

    @Test
    void each_attempt_counts_once_in_the_totals_and_under_its_kind() {
        List<Attempt> attempts = List.of(
                new Attempt(ImpostorKind.REVOKED, "CAM-1", false, "refused: not authorized"),
                new Attempt(ImpostorKind.OTHER_TOPIC, "CAM-1", true, "its publish reached a subscriber"));
        Map<String, Double> m = ImpostorRun.metrics(List.of(ImpostorKind.REVOKED, ImpostorKind.OTHER_TOPIC, ImpostorKind.EXPIRED), attempts);
        assertEquals(2.0, m.get("security.attempts"));
        assertEquals(1.0, m.get("security.refused"));
        assertEquals(1.0, m.get("security.accepted"));
        assertEquals(1.0, m.get("security.revoked.refused"));
        assertEquals(0.0, m.get("security.revoked.accepted"));
        assertEquals(1.0, m.get("security.otherTopic.accepted"));
        assertEquals(0.0, m.get("security.expired.attempts"), "a kind scheduled but not tried counts 0: " + m);
        assertEquals(3 + 3 * 3, m.size(), m.toString());
    }
}
