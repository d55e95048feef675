package io.bodycam.record.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the metrics of a shard's {@code summary.json} (every number or null at its dotted path) and
 * writes the merged one in the same shape: scenario, seed, {@code passed}, the metrics, the
 * assertions, {@code endReason} and {@value RecordMerge#MERGED_FROM}.
 */
final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** Calls {@code each} with every number or null leaf's dotted path, skipping the top-level keys in {@code skip}. */
    static void leaves(JsonNode summary, Set<String> skip, BiConsumer<String, JsonNode> each) {
        summary.properties().forEach(e -> {
            if (!skip.contains(e.getKey())) {
                walk(e.getKey(), e.getValue(), each);
            }
        });
    }

    private static void walk(String path, JsonNode n, BiConsumer<String, JsonNode> each) {
        if (n.isObject()) {
            n.properties().forEach(e -> walk(path + "." + e.getKey(), e.getValue(), each));
        } else if (n.isNumber() || n.isNull()) {
            each.accept(path, n);
        }
    }

    /** Which metrics the shards wrote with decimals (durations), so whole values are written alike. */
    static Map<String, Boolean> formats(List<ShardSet.Shard> shards) {
        Map<String, Boolean> fractional = new HashMap<>();
        for (ShardSet.Shard s : shards) {
            leaves(s.record().summary(), Set.of("assertions"), (name, n) -> fractional.merge(name, n.isFloatingPointNumber(), Boolean::logicalOr));
        }
        return fractional;
    }

    static void write(Path dir, ShardSet set, Map<String, Double> metrics, Map<String, Boolean> fractional,
                      List<RunRecord.AssertionResult> assertions) {
        ShardSet.Shard first = set.first();
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", first.record().scenario());
        root.set("seed", first.record().summary().path("seed"));
        root.put("passed", assertions.stream().allMatch(RunRecord.AssertionResult::passed));
        metrics.forEach((name, value) -> put(root, name, value, fractional.getOrDefault(name, false)));
        ArrayNode list = root.putArray("assertions");
        for (RunRecord.AssertionResult r : assertions) {
            ObjectNode a = list.addObject();
            a.put("expr", r.expr());
            a.put("passed", r.passed());
            if (r.actual() == null || r.actual().isNaN()) {
                a.putNull("actual");
            } else {
                a.put("actual", r.actual());
            }
            a.put("unit", r.unit());
            if (!r.message().isEmpty()) {
                a.put("message", r.message());
            }
        }
        root.put("endReason", endReason(set));
        ObjectNode from = root.putObject(RecordMerge.MERGED_FROM);
        from.put("count", set.count());
        ArrayNode shards = from.putArray("shards");
        for (ShardSet.Shard s : set.shards()) {
            ObjectNode o = shards.addObject();
            o.put("shard", s.label());
            o.put("dir", s.dir().toString());
            o.put("devices", s.record().summary().path("devices").path("configured").asInt());
            o.put("passed", s.record().passed());
            o.put("endReason", s.record().summary().path("endReason").asText(""));
        }
        try {
            JSON.writeValue(dir.resolve(RunRecord.SUMMARY).toFile(), root);
        } catch (IOException e) {
            throw new RecordException("cannot write " + dir.resolve(RunRecord.SUMMARY) + ": " + e.getMessage());
        }
    }

    /** The shards' end reason when they agree, else each shard's. */
    private static String endReason(ShardSet set) {
        Set<String> reasons = new LinkedHashSet<>();
        set.shards().forEach(s -> reasons.add(s.record().summary().path("endReason").asText("")));
        if (reasons.size() == 1) {
            return reasons.iterator().next();
        }
        StringBuilder sb = new StringBuilder();
        for (ShardSet.Shard s : set.shards()) {
            sb.append(sb.length() == 0 ? "" : "; ").append("shard ").append(s.label()).append(": ")
                    .append(s.record().summary().path("endReason").asText("?"));
        }
        return sb.toString();
    }

    private static void put(ObjectNode root, String dotted, double value, boolean fractional) {
        String[] parts = dotted.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = n.get(parts[i]);
            n = child instanceof ObjectNode o ? o : n.putObject(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(leaf);
        } else if (!fractional && value == Math.rint(value)) {
            n.put(leaf, (long) value);
        } else {
            n.put(leaf, Math.round(value * 1000) / 1000.0);
        }
    }
}
