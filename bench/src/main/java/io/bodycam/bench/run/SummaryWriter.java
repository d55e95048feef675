package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.assertions.AssertionResult;
import io.bodycam.bench.assertions.Metric;
import io.bodycam.record.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code summary.json}: the scenario, its seed, the verdict, every metric at its dotted path
 * ({@code mqtt.state.latency.p99} becomes {@code {"mqtt":{"state":{"latency":{"p99":...}}}}}) and the
 * assertions with their actual values (DESIGN.md section 5).
 */
final class SummaryWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryWriter() {
    }

    static ObjectNode build(String scenario, long seed, Map<String, Double> metrics, List<AssertionResult> results,
                            Map<String, Object> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        root.put("passed", results.stream().allMatch(AssertionResult::passed));
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            put(root, m.getKey(), m.getValue());
        }
        ArrayNode list = root.putArray("assertions");
        for (AssertionResult r : results) {
            ObjectNode a = list.addObject();
            a.put("expr", r.assertion().expr());
            if (r.assertion().during() != null) {
                a.put("during", r.assertion().during());
            }
            a.put("passed", r.passed());
            if (r.actual() == null) {
                a.putNull("actual");
            } else {
                a.put("actual", r.actual());
            }
            a.put("unit", r.unit().symbol());
            if (!r.message().isEmpty()) {
                a.put("message", r.message());
            }
        }
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        return root;
    }

    static void write(Path dir, ObjectNode summary) throws IOException {
        JSON.writeValue(dir.resolve(RunRecord.SUMMARY).toFile(), summary);
    }

    private static void put(ObjectNode root, String dotted, Double value) {
        String[] parts = dotted.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.has(parts[i]) ? (ObjectNode) n.get(parts[i]) : n.putObject(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        boolean whole = Metric.byName(dotted).map(m -> m.unit() != Metric.Unit.MILLIS).orElse(true)
                && value == Math.rint(value) && !value.isInfinite();
        if (value == null || value.isNaN()) {
            n.putNull(leaf);
        } else if (whole) {
            n.put(leaf, value.longValue());
        } else {
            n.put(leaf, Math.round(value * 1000) / 1000.0);
        }
    }
}
