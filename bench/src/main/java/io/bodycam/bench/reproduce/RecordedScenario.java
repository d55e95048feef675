package io.bodycam.bench.reproduce;

import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A run record's scenario as the run played it: the {@code scenario.yaml} the record keeps, with the
 * {@code --set} values {@code bodycam run} noted at its end ({@code # --set path=value}) written into its
 * YAML tree, in simulated mode. Replays and the shrinker work on that tree.
 */
final class RecordedScenario {

    /** The comment line {@code bodycam run} adds to the record's scenario for each {@code --set}. */
    static final String SET_LINE = "# --set ";
    private static final Pattern PATH_STEP = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d+)])?");

    private RecordedScenario() {
    }

    /**
     * The scenario as the run played it, in simulated mode: the file's tree, its {@code # --set} lines written
     * into it, and {@code clock.mode: simulated}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String text) {
        Object loaded = new Yaml(new LoaderOptions()).load(text);
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new ReproduceException("the run's scenario.yaml is not a YAML mapping");
        }
        Map<String, Object> tree = copy((Map<String, Object>) map);
        for (String line : text.lines().toList()) {
            if (line.startsWith(SET_LINE)) {
                String set = line.substring(SET_LINE.length()).strip();
                int eq = set.indexOf('=');
                if (eq <= 0) {
                    throw new ReproduceException("the run's scenario.yaml has a --set line without path=value: " + line);
                }
                put(tree, set.substring(0, eq).strip(), new Yaml(new LoaderOptions()).load(set.substring(eq + 1)));
            }
        }
        put(tree, "clock.mode", "simulated");
        return tree;
    }

    /** Sets the value at a {@code --set} path ({@code duration}, {@code clock.speed}, {@code fleet[0].count}). */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String path, Object value) {
        String[] steps = path.split("\\.");
        Object at = tree;
        for (int i = 0; i < steps.length; i++) {
            Matcher m = PATH_STEP.matcher(steps[i]);
            if (!m.matches() || !(at instanceof Map<?, ?>)) {
                throw new ReproduceException("cannot follow the --set path '" + path + "' in the scenario");
            }
            Map<String, Object> map = (Map<String, Object>) at;
            boolean last = i == steps.length - 1;
            if (m.group(2) == null) {
                if (last) {
                    map.put(m.group(1), value);
                } else {
                    at = map.computeIfAbsent(m.group(1), k -> new LinkedHashMap<String, Object>());
                }
            } else {
                List<Object> items = map.get(m.group(1)) instanceof List<?> l ? (List<Object>) l : null;
                int index = Integer.parseInt(m.group(2));
                if (items == null || index >= items.size()) {
                    throw new ReproduceException("the --set path '" + path + "' names no such list item in the scenario");
                }
                if (last) {
                    items.set(index, value);
                } else {
                    at = items.get(index);
                }
            }
        }
    }

    /** A deep copy of a YAML tree (maps, lists and scalars). */
    @SuppressWarnings("unchecked")
    static <T> T copy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return node;
    }

    static String text(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        return new Yaml(options).dump(tree);
    }

    /** The scenario a tree describes; a {@link io.bodycam.bench.scenario.yaml.ScenarioException} says what is wrong with it. */
    static Scenario scenario(String sourceName, Map<String, Object> tree) {
        return ScenarioLoader.parse(sourceName, text(tree), Substitutions.of(Map.of()));
    }
}
