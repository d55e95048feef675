package io.bodycam.bench.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.AssertionParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The assertion parser and evaluator against a fake run record: a {@code summary.json} as the runner
 * writes it (metrics at their dotted paths, latencies in ms, sizes in bytes, rates in B/s, unmeasured
 * values as null), read back into the dotted metrics an assertion sees.
 */
class AssertionEvaluationTest {

    private static final String SUMMARY = """
            {
              "scenario": "fake", "seed": 7, "passed": true,
              "devices": {"configured": 200, "connectedPeak": 200, "online": 198, "allConnectedAfter": 2440.0},
              "mqtt": {"published": 84374, "received": 84373, "seqGaps": 0,
                       "state": {"latency": {"p50": 0.4, "p90": 3.1, "p99": 11.41, "max": 231.0}}},
              "commands": {"sent": 10, "acked": 9, "failed": 1, "rtt": {"p50": 20.5, "p90": 26.0, "p99": 480.0, "max": 510.0}},
              "evidence": {"segmentsRecorded": 788, "verified": 788, "lost": 0, "duplicated": 0, "corrupt": 0,
                           "pending": 0, "bytesRecorded": 196100000, "recordToVerified": {"p50": null, "p99": null}},
              "uploads": {"completed": 788, "failed": 0, "bytes": 196100000, "throughput": 10290000.0}
            }
            """;

    private static final Map<String, Double> METRICS = flatten(SUMMARY);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "devices.connectedPeak >= 200          | true  | 200.0",
            "devices.connectedPeak == 201          | false | 200.0",
            "devices.online != 200                 | true  | 198.0",
            "devices.allConnectedAfter < 3s        | true  | 2440.0",
            "devices.allConnectedAfter < 2s        | false | 2440.0",
            "mqtt.state.latency.p99 < 500ms        | true  | 11.41",
            "mqtt.state.latency.max <= 0.2s        | false | 231.0",
            "commands.rtt.p99 < 500ms              | true  | 480.0",
            "commands.failed == 0                  | false | 1.0",
            "evidence.lost == 0                    | true  | 0.0",
            "evidence.bytesRecorded > 190MB        | true  | 196100000.0",
            "evidence.bytesRecorded > 200MB        | false | 196100000.0",
            "uploads.throughput > 10MB/s           | true  | 10290000.0",
            "uploads.throughput > 100Mbit/s        | false | 10290000.0",
    })
    void each_assertion_compares_the_records_value_in_the_metrics_unit(String expr, boolean passed, double actual) {
        AssertionResult r = evaluate(expr);
        assertEquals(passed, r.passed(), () -> expr + ": " + r.message());
        assertEquals(actual, r.actual(), 1e-9);
        assertEquals(passed ? "" : expr + " failed: actual " + actual + unitSuffix(r), r.message());
    }

    @Test
    void a_metric_the_run_did_not_measure_fails_and_says_so() {
        AssertionResult r = evaluate("evidence.recordToVerified.p99 < 1h");
        assertEquals(false, r.passed());
        assertNull(r.actual());
        assertEquals("evidence.recordToVerified.p99 was not measured in this run", r.message());
    }

    @Test
    void a_phase_assertion_reads_the_phases_own_metrics_and_names_the_phase_when_they_are_missing() {
        Assertion a = AssertionParser.parse("mqtt.seqGaps == 0").with("surge", false);
        List<AssertionResult> inPhase = AssertionResult.evaluate(List.of(a), x -> Map.of("mqtt.seqGaps", 3.0));
        assertEquals(false, inPhase.get(0).passed());
        assertEquals(3.0, inPhase.get(0).actual());
        List<AssertionResult> none = AssertionResult.evaluate(List.of(a), x -> Map.of());
        assertEquals("mqtt.seqGaps was not measured in this run during phase surge", none.get(0).message());
    }

    @Test
    void the_parser_turns_units_into_the_metrics_own() {
        assertEquals(500.0, AssertionParser.parse("mqtt.state.latency.p99 < 0.5s").value(), 1e-9);
        assertEquals(50_000_000.0, AssertionParser.parse("uploads.throughput > 50MB/s").value(), 1e-9);
        assertEquals(50_000_000.0, AssertionParser.parse("uploads.throughput > 400Mbit/s").value(), 1e-9);
        assertEquals(10_000_000_000.0, AssertionParser.parse("uploads.bytes >= 10GB").value(), 1e-9);
        assertEquals(Assertion.Op.LE, AssertionParser.parse("evidence.pending<=3").op());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uploads.throughput > 50           | uploads.throughput is compared with a rate like 50MB/s or 400Mbit/s",
            "evidence.bytesRecorded > fast     | evidence.bytesRecorded is compared with a size like 10GB",
            "evidence.lost =< 0                | an assertion reads '<metric> <op> <value>'",
            "evidence.lots == 0                | unknown metric 'evidence.lots', did you mean 'evidence.lost'?",
    })
    void a_bad_assertion_is_refused_with_the_fix(String expr, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssertionParser.parse(expr));
        assertEquals(messageStart, e.getMessage().substring(0, Math.min(messageStart.length(), e.getMessage().length())),
                e.getMessage());
    }

    private static AssertionResult evaluate(String expr) {
        return AssertionResult.evaluate(List.of(AssertionParser.parse(expr)), METRICS).get(0);
    }

    private static String unitSuffix(AssertionResult r) {
        return r.unit().symbol().isEmpty() ? "" : " " + r.unit().symbol();
    }

    /** The record's numbers at their dotted paths; a null is a metric that was not measured. */
    private static Map<String, Double> flatten(String json) {
        try {
            Map<String, Double> out = new HashMap<>();
            walk("", new ObjectMapper().readTree(json), out);
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(String path, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(path, node.doubleValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        }
    }
}
