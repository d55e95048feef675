package io.bodycam.bench.scenario.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns SnakeYAML's composed node graph into {@link YamlNode}s: aliases are expanded into copies
 * (bounded, so an alias bomb is refused), {@code <<} merge keys are applied (YAML 1.1 merge type:
 * explicit keys win, earlier merged mappings win over later ones), duplicate keys and
 * non-standard tags are reported.
 */
final class TreeBuilder {

    /** Most nodes a document may hold once aliases are expanded. */
    static final int MAX_NODES = 250_000;
    /** Deepest nesting once aliases are expanded. */
    static final int MAX_DEPTH = 100;

    private static final String STANDARD_TAG = "tag:yaml.org,2002:";
    private static final Set<String> ALLOWED_TAGS =
            Set.of("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value", "yaml");

    private final String source;
    private final Problems problems;
    private final Substitutions substitutions;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;

    TreeBuilder(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
        this.substitutions = problems.substitutions();
    }

    YamlNode build(Node node, String path, int depth) {
        SourcePosition position = position(node.getStartMark());
        if (++nodes > MAX_NODES) {
            throw problems.fail(position, "the document holds more than " + MAX_NODES + " values once aliases are expanded",
                    "use fewer aliases (*name)");
        }
        if (depth > MAX_DEPTH) {
            throw problems.fail(position, "the document nests more than " + MAX_DEPTH + " levels deep once aliases are expanded",
                    "use fewer nested aliases (*name)");
        }
        checkTag(node, position);
        if (!inProgress.add(node)) {
            problems.report(position, "an alias refers to the value that contains it", "remove the recursive alias");
            return new YamlScalar("", true, position, path);
        }
        try {
            if (node instanceof MappingNode mapping) {
                refuseOverride(path, "a mapping");
                return new YamlMap(entries(mapping, path, depth), position, path, problems, false);
            }
            if (node instanceof SequenceNode sequence) {
                List<YamlNode> elements = new ArrayList<>();
                for (Node element : sequence.getValue()) {
                    elements.add(build(element, path + "[" + elements.size() + "]", depth + 1));
                }
                refuseOverride(path, "a list");
                return new YamlList(elements, position, path, problems);
            }
            ScalarNode scalar = (ScalarNode) node;
            boolean plain = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
            var override = substitutions.override(path);
            if (override.isPresent()) {
                return new YamlScalar(override.get(), false, Substitutions.position(path, override.get()), path);
            }
            String text = substitutions.expand(scalar.getValue(), position, problems);
            return new YamlScalar(text, plain && Tag.NULL.equals(scalar.getTag()), position, path);
        } finally {
            inProgress.remove(node);
        }
    }

    private List<YamlMap.Entry> entries(MappingNode mapping, String path, int depth) {
        Map<String, YamlMap.Entry> explicit = new LinkedHashMap<>();
        List<YamlMap.Entry> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourcePosition keyPosition = position(keyNode.getStartMark());
            if (keyNode instanceof ScalarNode key && Tag.MERGE.equals(key.getTag())) {
                merged.addAll(merge(tuple.getValueNode(), path, depth));
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                problems.report(keyPosition, "a key must be a single name, found "
                        + (keyNode instanceof MappingNode ? "a mapping" : "a list"), "write keys as 'name: value'");
                continue;
            }
            checkTag(keyNode, keyPosition);
            YamlMap.Entry first = explicit.get(key.getValue());
            if (first != null) {
                problems.report(keyPosition, "duplicate key '" + key.getValue() + "' (first defined at line "
                        + first.keyPosition().line() + ")", "remove one of the two, or rename it");
                continue;
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            YamlNode value = build(tuple.getValueNode(), childPath, depth + 1);
            explicit.put(key.getValue(), new YamlMap.Entry(key.getValue(), keyPosition, value));
        }
        List<YamlMap.Entry> all = new ArrayList<>(explicit.values());
        for (YamlMap.Entry entry : merged) {
            if (!explicit.containsKey(entry.key())) {
                explicit.put(entry.key(), entry);
                all.add(entry);
            }
        }
        substitutions.additions(path, explicit.keySet()).forEach((key, value) -> {
            String childPath = path.isEmpty() ? key : path + "." + key;
            SourcePosition at = Substitutions.position(childPath, value);
            all.add(new YamlMap.Entry(key, at, new YamlScalar(value, false, at, childPath)));
        });
        return all;
    }

    /** {@code --set} replaces single values only. */
    private void refuseOverride(String path, String found) {
        substitutions.override(path).ifPresent(value -> problems.report(Substitutions.position(path, value),
                "--set replaces single values, and '" + path + "' is " + found, "set a value inside it, e.g. " + path + ".key=value"));
    }

    /** The entries a {@code <<} key brings in: from one mapping, or from a list of them. */
    private List<YamlMap.Entry> merge(Node value, String path, int depth) {
        List<Node> sources = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<YamlMap.Entry> entries = new ArrayList<>();
        for (Node node : sources) {
            YamlNode built = build(node, path, depth + 1);
            if (built instanceof YamlMap map) {
                entries.addAll(map.entries());
            } else {
                problems.report(built, "'<<' merges a mapping or a list of mappings, found " + built.describe(),
                        "write '<<: *name' where '&name' marks a mapping");
            }
        }
        return entries;
    }

    private void checkTag(Node node, SourcePosition position) {
        String tag = node.getTag().getValue();
        boolean standard = tag.startsWith(STANDARD_TAG) && ALLOWED_TAGS.contains(tag.substring(STANDARD_TAG.length()));
        if (!standard) {
            problems.report(position, "tag '" + shortTag(tag) + "' is not supported in scenario files",
                    "remove the tag; write the value as plain text");
        }
    }

    private static String shortTag(String tag) {
        return tag.startsWith(STANDARD_TAG) ? "!!" + tag.substring(STANDARD_TAG.length()) : tag;
    }

    private SourcePosition position(Mark mark) {
        return new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
