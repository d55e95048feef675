package io.bodycam.bench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The public Java entry point: overrides reach the scenario, bad input is refused with the place and the fix. */
class BenchTest {

    private static final String SCENARIO = """
            name: api
            duration: 1h
            fleet: [{name: a, count: 2}]
            assertions: [evidence.lost == 0]
            """;

    @Test
    void overrides_and_a_backend_reach_the_scenario() {
        var s = Bench.scenario("api.yaml", SCENARIO).set("fleet[0].count", "5")
                .against(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080")).load();
        assertEquals(5, s.cameraCount());
        assertEquals(URI.create("tcp://127.0.0.1:1883"), s.backend().mqtt());
        assertEquals(URI.create("http://127.0.0.1:8080"), s.backend().upload());
    }

    @Test
    void a_broken_scenario_is_refused_with_file_line_and_column() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bench.scenario("api.yaml", SCENARIO.replace("evidence.lost", "evidence.lots")).load());
        assertTrue(e.getMessage().contains("api.yaml:4:14: unknown metric 'evidence.lots', did you mean 'evidence.lost'?"),
                e.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> Bench.scenario("api.yaml", SCENARIO).set("fleet[0].cuont", "5").load());
        assertTrue(unknown.getMessage().contains("cuont"), unknown.getMessage());
    }
}
