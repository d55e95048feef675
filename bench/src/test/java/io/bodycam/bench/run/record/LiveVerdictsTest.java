package io.bodycam.bench.run.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.AssertionParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveVerdictsTest {

    private static List<String> failed(Map<String, Double> live, String... exprs) {
        List<Assertion> list = java.util.Arrays.stream(exprs).map(AssertionParser::parse).toList();
        return LiveVerdicts.failedSoFar(list, live).stream().map(Assertion::expr).toList();
    }

    @Test
    void an_exceeded_upper_bound_on_a_count_has_failed_for_good() {
        assertEquals(List.of("mqtt.seqGaps == 0", "commands.failed < 2"),
                failed(Map.of("mqtt.seqGaps", 1.0, "commands.failed", 2.0), "mqtt.seqGaps == 0", "commands.failed < 2"));
    }

    @Test
    void a_lower_bound_not_reached_yet_may_still_pass() {
        assertEquals(List.of(), failed(Map.of("evidence.segmentsRecorded", 3.0), "evidence.segmentsRecorded >= 10"));
    }

    @Test
    void a_latency_maximum_only_grows_but_a_percentile_may_come_back() {
        Map<String, Double> live = Map.of("mqtt.state.latency.max", 900.0, "mqtt.state.latency.p99", 900.0);
        assertEquals(List.of("mqtt.state.latency.max < 500ms"),
                failed(live, "mqtt.state.latency.max < 500ms", "mqtt.state.latency.p99 < 500ms"));
    }

    @Test
    void cameras_online_now_can_go_either_way_and_an_unmeasured_metric_is_not_judged() {
        assertEquals(List.of(), failed(Map.of("devices.online", 30.0), "devices.online <= 20", "evidence.lost == 0"));
    }
}
