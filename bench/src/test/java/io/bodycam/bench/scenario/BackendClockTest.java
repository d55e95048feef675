package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;

/**
 * {@code backend.clock}: what an external backend's {@code GET /time} answers. A real backend answers real
 * time, which a sped-up run maps onto its virtual time; without that a camera's time sync on the dock set
 * its clock hours back and every message after it looked hours late.
 */
class BackendClockTest {

    private static String external(String clockLine) {
        return """
                name: c
                duration: 1h
                backend:
                  mqtt: tcp://127.0.0.1:1883
                  upload: http://127.0.0.1:8080
                %s
                fleet:
                  - count: 1
                """.formatted(clockLine);
    }

    @Test
    void an_external_backend_answers_real_time_unless_told_otherwise() {
        assertEquals(Backend.ServerClock.WALL, ScenarioLoader.parse("s.yaml", external("")).backend().clock());
        assertEquals(Backend.ServerClock.VIRTUAL,
                ScenarioLoader.parse("s.yaml", external("  clock: virtual")).backend().clock());
    }

    @Test
    void the_embedded_backend_answers_virtual_time_and_refuses_the_key() {
        assertEquals(Backend.ServerClock.VIRTUAL, ScenarioLoader.parse("s.yaml", "name: e\nduration: 1h\nfleet:\n  - count: 1\n")
                .backend().clock());
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml",
                "name: e\nduration: 1h\nbackend:\n  clock: wall\nfleet:\n  - count: 1\n"));
        assertTrue(e.problems().get(0).format().startsWith("s.yaml:4:10: clock is for an external backend"), e.getMessage());
    }

    @Test
    void an_unknown_clock_is_reported_where_it_is_written() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", external("  clock: utc")));
        assertTrue(e.problems().get(0).format().startsWith("s.yaml:6:10: backend clock must be 'wall'"), e.getMessage());
    }
}
