package io.bodycam.bench.scenario.yaml;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changes a scenario's values on the way in, so one file serves a laptop and a staging backend:
 * {@code ${VAR}} and {@code ${VAR:-default}} in any value are replaced from the environment, and
 * {@code --set path=value} on the command line replaces (or adds) single values by their path
 * ({@code duration}, {@code clock.speed}, {@code fleet[0].count}).
 */
public final class Substitutions {

    /** No environment, no overrides. */
    public static final Substitutions NONE = new Substitutions(name -> null, Map.of());

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final UnaryOperator<String> environment;
    private final Map<String, String> overrides;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> paths = new LinkedHashSet<>();

    /**
     * @param environment looks a variable up; null when it is not set
     * @param overrides   {@code --set} values by path, in the order given
     */
    public Substitutions(UnaryOperator<String> environment, Map<String, String> overrides) {
        this.environment = environment;
        this.overrides = new LinkedHashMap<>(overrides);
    }

    /** The process environment and the given {@code --set} values. */
    public static Substitutions of(Map<String, String> overrides) {
        return new Substitutions(System::getenv, overrides);
    }

    /** The same environment without any {@code --set} values. */
    Substitutions environmentOnly() {
        return new Substitutions(environment, Map.of());
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a value; an unset variable without default is a problem. */
    String expand(String text, SourcePosition at, Problems problems) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null || value.isEmpty() && m.group(2) != null) {
                value = m.group(3);
            }
            if (value == null) {
                problems.report(at, "environment variable " + m.group(1) + " is not set",
                        "set it, or give a default: ${" + m.group(1) + ":-value}");
                value = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The {@code --set} value for a path, if one was given; the override counts as used. */
    Optional<String> override(String path) {
        paths.add(path);
        String value = overrides.get(path);
        if (value != null) {
            used.add(path);
        }
        return Optional.ofNullable(value);
    }

    /** {@code --set} values for keys a mapping at {@code mapPath} does not have: they are added to it. */
    Map<String, String> additions(String mapPath, Collection<String> presentKeys) {
        Map<String, String> added = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String path = o.getKey();
            int dot = path.lastIndexOf('.');
            String parent = dot < 0 ? "" : path.substring(0, dot);
            String key = path.substring(dot + 1);
            if (parent.equals(mapPath) && !key.contains("[") && !presentKeys.contains(key)) {
                added.put(key, o.getValue());
                used.add(path);
            }
        }
        return added;
    }

    /** Where a {@code --set} value sits, for messages about it. */
    static SourcePosition position(String path, String value) {
        return SourcePosition.wholeFile("--set " + path + "=" + value);
    }

    /** Reports every {@code --set} that matched no place in the scenario, with the nearest path. */
    public void reportUnused(Problems problems) {
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!used.contains(o.getKey())) {
                problems.report(position(o.getKey(), o.getValue()), "no such place in the scenario: '" + o.getKey() + "'",
                        Suggestions.closest(o.getKey(), paths).map(s -> "did you mean '" + s + "'?")
                                .orElse("paths look like duration, clock.speed, fleet[0].count"));
            }
        }
    }
}
