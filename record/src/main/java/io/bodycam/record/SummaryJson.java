package io.bodycam.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Summary} to and from its JSON: the keys of {@code summary.json}, defined here once. A summary is
 * written in the order scenario, seed, passed, the metrics (nested by their dotted names), assertions,
 * endReason, then shard or mergedFrom; the notes go beside the metrics at their dotted paths. Read back,
 * every number or null outside the named keys is a metric, every string a note.
 */
final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String SCENARIO = "scenario";
    private static final String SEED = "seed";
    private static final String PASSED = "passed";
    private static final String ASSERTIONS = "assertions";
    private static final String END_REASON = "endReason";
    private static final String SHARD = "shard";
    private static final String MERGED_FROM = "mergedFrom";
    private static final Set<String> NOT_METRICS = Set.of(SCENARIO, SEED, PASSED, ASSERTIONS, END_REASON, SHARD, MERGED_FROM);

    private static final String EXPR = "expr";
    private static final String DURING = "during";
    private static final String ACTUAL = "actual";
    private static final String UNIT = "unit";
    private static final String MESSAGE = "message";

    private static final String INDEX = "index";
    private static final String COUNT = "count";
    private static final String SHARDS = "shards";
    private static final String DIR = "dir";
    private static final String DEVICES = "devices";

    private SummaryJson() {
    }

    static Summary read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RecordException(file + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.hasNonNull(SCENARIO) || !root.has(PASSED)) {
            throw new RecordException(file + " lacks '" + SCENARIO + "' or '" + PASSED + "': not a bodycam run summary");
        }
        SummaryMetrics.Builder metrics = SummaryMetrics.builder();
        Map<String, String> notes = new java.util.HashMap<>();
        root.properties().forEach(e -> {
            if (!NOT_METRICS.contains(e.getKey())) {
                leaves(e.getKey(), e.getValue(), metrics, notes);
            }
        });
        List<AssertionOutcome> assertions = new ArrayList<>();
        for (JsonNode a : root.path(ASSERTIONS)) {
            JsonNode actual = a.path(ACTUAL);
            assertions.add(new AssertionOutcome(a.path(EXPR).asText(), a.hasNonNull(DURING) ? a.path(DURING).asText() : null,
                    a.path(PASSED).asBoolean(), actual.isNumber() ? actual.asDouble() : null, a.path(UNIT).asText(""),
                    a.path(MESSAGE).asText("")));
        }
        JsonNode shard = root.path(SHARD);
        Optional<Summary.Shard> slice = shard.isObject()
                ? Optional.of(new Summary.Shard(shard.path(INDEX).asInt(-1), shard.path(COUNT).asInt(0)))
                : Optional.empty();
        Optional<Summary.MergedFrom> from = Optional.empty();
        if (root.has(MERGED_FROM)) {
            List<Summary.MergedShard> shards = new ArrayList<>();
            for (JsonNode s : root.path(MERGED_FROM).path(SHARDS)) {
                shards.add(new Summary.MergedShard(s.path(SHARD).asText(), s.path(DIR).asText(), s.path(DEVICES).asInt(),
                        s.path(PASSED).asBoolean(), s.path(END_REASON).asText("")));
            }
            from = Optional.of(new Summary.MergedFrom(shards));
        }
        return new Summary(root.path(SCENARIO).asText(), root.path(SEED).asLong(), root.path(PASSED).asBoolean(),
                metrics.build(), assertions, root.path(END_REASON).asText(""), slice, from, notes);
    }

    /** Every number or null under {@code n} is a metric at its dotted path, every string a note. */
    private static void leaves(String path, JsonNode n, SummaryMetrics.Builder metrics, Map<String, String> notes) {
        if (n.isObject()) {
            n.properties().forEach(e -> leaves(path + "." + e.getKey(), e.getValue(), metrics, notes));
        } else if (n.isNumber()) {
            metrics.put(path, n.asDouble(), n.isFloatingPointNumber());
        } else if (n.isNull()) {
            metrics.put(path, Double.NaN, false);
        } else if (n.isTextual()) {
            notes.put(path, n.asText());
        }
    }

    static void write(Summary s, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put(SCENARIO, s.scenario());
        root.put(SEED, s.seed());
        root.put(PASSED, s.passed());
        for (Map.Entry<String, Double> m : s.metrics().values().entrySet()) {
            put(root, m.getKey(), m.getValue(), s.metrics().decimal(m.getKey()));
        }
        for (Map.Entry<String, String> note : s.notes().entrySet()) {
            ObjectNode parent = parent(root, note.getKey());
            String leaf = note.getKey().substring(note.getKey().lastIndexOf('.') + 1);
            if (parent.has(leaf)) {
                throw new IllegalArgumentException("note " + note.getKey() + " is at a metric's path");
            }
            parent.put(leaf, note.getValue());
        }
        ArrayNode list = root.putArray(ASSERTIONS);
        for (AssertionOutcome r : s.assertions()) {
            ObjectNode a = list.addObject();
            a.put(EXPR, r.expr());
            if (r.during() != null) {
                a.put(DURING, r.during());
            }
            a.put(PASSED, r.passed());
            if (r.actual() == null || r.actual().isNaN()) {
                a.putNull(ACTUAL);
            } else {
                a.put(ACTUAL, r.actual());
            }
            a.put(UNIT, r.unit());
            if (!r.message().isEmpty()) {
                a.put(MESSAGE, r.message());
            }
        }
        root.put(END_REASON, s.endReason());
        s.shard().ifPresent(shard -> {
            ObjectNode o = root.putObject(SHARD);
            o.put(INDEX, shard.index());
            o.put(COUNT, shard.count());
        });
        s.mergedFrom().ifPresent(from -> {
            ObjectNode o = root.putObject(MERGED_FROM);
            o.put(COUNT, from.shards().size());
            ArrayNode shards = o.putArray(SHARDS);
            for (Summary.MergedShard m : from.shards()) {
                ObjectNode e = shards.addObject();
                e.put(SHARD, m.shard());
                e.put(DIR, m.dir());
                e.put(DEVICES, m.devices());
                e.put(PASSED, m.passed());
                e.put(END_REASON, m.endReason());
            }
        });
        JSON.writeValue(file.toFile(), root);
    }

    /** The object a dotted path's last part goes in, made on the way where missing. */
    private static ObjectNode parent(ObjectNode root, String dotted) {
        String[] parts = dotted.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = n.get(parts[i]);
            n = child instanceof ObjectNode o ? o : n.putObject(parts[i]);
        }
        return n;
    }

    /**
     * Puts a metric at its dotted path: null when not measured, a whole number when it is one and the
     * metric is not decimal, else rounded to three decimals.
     */
    private static void put(ObjectNode root, String dotted, double value, boolean decimal) {
        ObjectNode n = parent(root, dotted);
        String leaf = dotted.substring(dotted.lastIndexOf('.') + 1);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(leaf);
        } else if (!decimal && value == Math.rint(value)) {
            n.put(leaf, (long) value);
        } else {
            n.put(leaf, Math.round(value * 1000) / 1000.0);
        }
    }
}
