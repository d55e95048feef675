/**
 * Reading scenario files: YAML nodes that keep their file, line and column, typed accessors that
 * validate as they read, and errors collected for the whole load and shown compiler-style.
 *
 * <p>A strict loader reads every key it knows, then lets {@code finish()} report the rest:
 * <pre>{@code
 * YamlMap root = YamlDocument.load(path);          // syntax errors throw ScenarioException here
 * String name = root.string("name");
 * Duration buffer = root.map("camera")
 *         .duration("preEventBuffer", Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(120));
 * for (YamlMap group : root.list("groups").maps()) {
 *     group.integer("count", 1, 10_000);
 * }
 * root.finish();                                   // unknown keys, with did-you-mean
 * root.problems().throwIfAny();                    // every problem at once, in file order
 * }</pre>
 */
package io.bodycam.bench.scenario.yaml;
