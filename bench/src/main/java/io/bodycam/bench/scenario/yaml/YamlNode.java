package io.bodycam.bench.scenario.yaml;

/**
 * A value in a scenario file that remembers where it was written: a {@link YamlMap} (keys and
 * values), a {@link YamlList} or a {@link YamlScalar} (a single piece of text).
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where the node starts in its file. */
    SourcePosition position();

    /** The path from the top of the file, e.g. "fleet.groups[2]"; "" for the top level. */
    String path();

    /** What this is, for "found ..." in messages: "a mapping", "a list", "'abc'", "nothing". */
    String describe();
}
