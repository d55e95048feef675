package io.bodycam.bench.scenario.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * A list in a scenario file. Its elements are nodes; {@link #maps()} and {@link #strings()} read
 * the common cases and report elements of the wrong kind with their position.
 */
public final class YamlList extends YamlNode {

    private final List<YamlNode> elements;
    private final Problems problems;
    private final List<YamlNode> opened = new ArrayList<>();

    YamlList(List<YamlNode> elements, SourcePosition position, String path, Problems problems) {
        super(position, path);
        this.elements = List.copyOf(elements);
        this.problems = problems;
    }

    /** The elements in document order; mappings among them are checked by {@link YamlMap#finish()}. */
    public List<YamlNode> nodes() {
        opened.addAll(elements);
        return elements;
    }

    /** The elements that are mappings; any other element is reported as a problem. */
    public List<YamlMap> maps() {
        List<YamlMap> maps = new ArrayList<>();
        for (YamlNode element : elements) {
            if (element instanceof YamlMap map) {
                maps.add(map);
                opened.add(map);
            } else {
                problems.report(element, "'" + element.path() + "': expected a mapping of keys, found "
                        + element.describe());
            }
        }
        return maps;
    }

    /** The elements' texts; an element that is not a single value is reported as a problem. */
    public List<String> strings() {
        List<String> strings = new ArrayList<>();
        ScalarReader reader = new ScalarReader(problems);
        for (YamlNode element : elements) {
            reader.text(element, element.path(), "a text").ifPresent(strings::add);
        }
        return strings;
    }

    @Override
    public String describe() {
        return "a list";
    }

    @Override
    public String toString() {
        return position() + " list of " + elements.size();
    }

    /** Checks the unknown keys of every mapping handed out by this list, however deep. */
    void finish() {
        for (YamlNode node : opened) {
            if (node instanceof YamlMap map) {
                map.finish();
            } else if (node instanceof YamlList list) {
                list.finish();
            }
        }
    }
}
