package io.bodycam.bench.scenario.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A mapping (keys and values) in a scenario file, read through typed, validating accessors.
 *
 * <p>An accessor that meets a bad value reports it to the load's {@link Problems} and returns
 * the default (for a required key: the minimum, "" or an empty mapping) so that loading goes on
 * and every error is found in one pass; the values are only trustworthy once
 * {@link Problems#throwIfAny()} has passed. Every key asked for is remembered, so that
 * {@link #finish()} can report the keys nobody asked for, with a did-you-mean.
 */
public final class YamlMap extends YamlNode {

    /** One key and its value; the key keeps its own position for "unknown key" and "duplicate key". */
    record Entry(String key, SourcePosition keyPosition, YamlNode value) { }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Problems problems;
    private final ScalarReader reader;
    private final boolean placeholder;
    private final Set<String> asked = new LinkedHashSet<>();
    private final List<YamlNode> opened = new ArrayList<>();
    private boolean finished;

    YamlMap(List<Entry> entries, SourcePosition position, String path, Problems problems, boolean placeholder) {
        super(position, path);
        for (Entry entry : entries) {
            this.entries.put(entry.key(), entry);
        }
        this.problems = problems;
        this.reader = new ScalarReader(problems);
        this.placeholder = placeholder;
    }

    /** The load's problem collector, for errors the scenario model finds itself. */
    public Problems problems() {
        return problems;
    }

    /** The keys in document order. */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Whether the key is present; also marks it as a known key of this mapping. */
    public boolean has(String key) {
        asked.add(key);
        return entries.containsKey(key);
    }

    /** The value of a key as a node, if present; the key counts as read. */
    public Optional<YamlNode> node(String key) {
        asked.add(key);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        opened.add(entry.value());
        return Optional.of(entry.value());
    }

    /** Where the key itself is written, if present. */
    public Optional<SourcePosition> keyPosition(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::keyPosition);
    }

    /** A required text. */
    public String string(String key) {
        return required(key, "", node -> reader.text(node, key, "a text"));
    }

    /** A text, or {@code defaultValue} when the key is absent. */
    public String string(String key, String defaultValue) {
        return optional(key, defaultValue, node -> reader.text(node, key, "a text"));
    }

    /** A text, or empty when the key is absent. */
    public Optional<String> optionalString(String key) {
        return value(key).flatMap(node -> reader.text(node, key, "a text"));
    }

    /** A required whole number in {@code min..max}. */
    public int integer(String key, int min, int max) {
        return required(key, min, node -> wholeInt(node, key, min, max));
    }

    /** A whole number in {@code min..max}, or {@code defaultValue} when the key is absent. */
    public int integer(String key, int defaultValue, int min, int max) {
        return optional(key, defaultValue, node -> wholeInt(node, key, min, max));
    }

    /** A whole number in {@code min..max} that may exceed an int (a seed, a byte count). */
    public long longInteger(String key, long defaultValue, long min, long max) {
        return optional(key, defaultValue,
                node -> reader.whole(node, key, min, max, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** A number in {@code min..max} ("0.5", "-3", "1e3"), or {@code defaultValue} when absent. */
    public double decimal(String key, double defaultValue, double min, double max) {
        return optional(key, defaultValue, node -> reader.decimal(node, key, min, max));
    }

    /** A fraction in 0..1 written "0.3" or "30%", or {@code defaultValue} when absent. */
    public double fraction(String key, double defaultValue) {
        return optional(key, defaultValue, node -> reader.fraction(node, key));
    }

    /** true/false (also yes/no, on/off), or {@code defaultValue} when absent. */
    public boolean bool(String key, boolean defaultValue) {
        return optional(key, defaultValue, node -> reader.bool(node, key));
    }

    /** A required duration in {@code min..max}, written with units: "30s", "1h30m". */
    public Duration duration(String key, Duration min, Duration max) {
        return required(key, min, node -> reader.duration(node, key, min, max));
    }

    /** A duration in {@code min..max} written with units, or {@code defaultValue} when absent. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        return optional(key, defaultValue, node -> reader.duration(node, key, min, max));
    }

    /** A data size in bytes in {@code min..max} ("64GB", "512MiB"), or {@code defaultValue} when absent. */
    public long dataSize(String key, long defaultValue, long min, long max) {
        return optional(key, defaultValue, node -> reader.dataSize(node, key, min, max));
    }

    /** A data rate in bits/s in {@code min..max} ("25Mbit/s", "3MB/s"), or {@code defaultValue} when absent. */
    public double dataRate(String key, double defaultValue, double min, double max) {
        return optional(key, defaultValue, node -> reader.dataRate(node, key, min, max));
    }

    /**
     * A required enum constant, written in lower case with '-' for '_' ({@code READY_BUFFERING} as
     * "ready-buffering"); matching ignores case and accepts '_'.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return required(key, type.getEnumConstants()[0], node -> reader.enumValue(node, key, type));
    }

    /** An enum constant as for {@link #enumValue(String, Class)}, or {@code defaultValue} when absent. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        return optional(key, defaultValue, node -> reader.enumValue(node, key, type));
    }

    /** A required nested mapping; when it is missing or not a mapping, an empty one that reports nothing. */
    public YamlMap map(String key) {
        return required(key, placeholder(key), node -> asMap(node, key));
    }

    /** A nested mapping, or empty when the key is absent. */
    public Optional<YamlMap> optionalMap(String key) {
        return value(key).flatMap(node -> asMap(node, key));
    }

    /** A required list; when it is missing or not a list, an empty one. */
    public YamlList list(String key) {
        return required(key, new YamlList(List.of(), position(), childPath(key), problems), node -> asList(node, key));
    }

    /** A list, or empty when the key is absent. */
    public Optional<YamlList> optionalList(String key) {
        return value(key).flatMap(node -> asList(node, key));
    }

    /**
     * Reports every key of this mapping, and of every mapping handed out beneath it, that no
     * accessor asked for: "unknown key 'durration', did you mean 'duration'?". Call it once on the
     * top-level mapping after reading everything; calling it again reports nothing new.
     */
    public void finish() {
        if (!finished) {
            finished = true;
            for (Entry entry : entries.values()) {
                if (!asked.contains(entry.key())) {
                    reportUnknown(entry);
                }
            }
        }
        for (YamlNode node : opened) {
            if (node instanceof YamlMap map) {
                map.finish();
            } else if (node instanceof YamlList list) {
                list.finish();
            }
        }
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    @Override
    public String toString() {
        return position() + " mapping " + entries.keySet();
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    private void reportUnknown(Entry entry) {
        Set<String> valid = new TreeSet<>(asked);
        String message = "unknown key '" + entry.key() + "'";
        Optional<String> suggestion = Suggestions.closest(entry.key(), valid);
        if (suggestion.isPresent()) {
            problems.report(entry.keyPosition(), message + ", did you mean '" + suggestion.get() + "'?");
        } else {
            problems.report(entry.keyPosition(), message,
                    valid.isEmpty() ? "no keys are expected here" : "valid keys here: " + String.join(", ", valid));
        }
    }

    private Optional<YamlNode> value(String key) {
        asked.add(key);
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    private <T> T required(String key, T fallback, Function<YamlNode, Optional<T>> read) {
        Optional<YamlNode> node = value(key);
        if (node.isEmpty()) {
            if (!placeholder) {
                problems.report(position(), "missing required key '" + key + "'" + (path().isEmpty() ? "" : " in '" + path() + "'"));
            }
            return fallback;
        }
        return read.apply(node.get()).orElse(fallback);
    }

    private <T> T optional(String key, T defaultValue, Function<YamlNode, Optional<T>> read) {
        return value(key).flatMap(read).orElse(defaultValue);
    }

    private Optional<Integer> wholeInt(YamlNode node, String key, int min, int max) {
        return reader.whole(node, key, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::intValue);
    }

    private Optional<YamlMap> asMap(YamlNode node, String key) {
        if (node instanceof YamlMap map) {
            opened.add(map);
            return Optional.of(map);
        }
        problems.report(node, "'" + key + "': expected a mapping of keys, found " + node.describe());
        return Optional.empty();
    }

    private Optional<YamlList> asList(YamlNode node, String key) {
        if (node instanceof YamlList list) {
            opened.add(list);
            return Optional.of(list);
        }
        problems.report(node, "'" + key + "': expected a list, found " + node.describe(),
                node instanceof YamlScalar ? "start each element on its own line with '- '" : "");
        return Optional.empty();
    }

    private YamlMap placeholder(String key) {
        return new YamlMap(List.of(), position(), childPath(key), problems, true);
    }

    private String childPath(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }
}
