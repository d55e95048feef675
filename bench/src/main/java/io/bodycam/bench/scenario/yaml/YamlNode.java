package io.bodycam.bench.scenario.yaml;

/**
 * A value in a scenario file that remembers where it was written: a {@link YamlMap} (keys and
 * values), a {@link YamlList} or a {@link YamlScalar} (a single piece of text).
 */
public abstract sealed class YamlNode permits YamlMap, YamlList, YamlScalar {

    private final SourcePosition position;
    private final String path;

    YamlNode(SourcePosition position, String path) {
        this.position = position;
        this.path = path;
    }

    /** Where the node starts in its file. */
    public final SourcePosition position() {
        return position;
    }

    /** The path from the top of the file, e.g. "fleet.groups[2]"; "" for the top level. */
    public final String path() {
        return path;
    }

    /** What this is, for "found ..." in messages: "a mapping", "a list", "'abc'", "nothing". */
    public abstract String describe();
}
