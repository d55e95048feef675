package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken document must fail with exactly these problems, at these lines and columns. */
class BrokenDocumentsTest {

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                broken("unknown key with a suggestion", """
                        name: q
                        durration: 10m
                        """, "2:1: unknown key 'durration', did you mean 'duration'?"),
                broken("unknown key in a nested mapping", """
                        name: q
                        camera:
                          preEventBufer: 10s
                        """, "3:3: unknown key 'preEventBufer', did you mean 'preEventBuffer'?"),
                broken("unknown key without a close match", """
                        name: q
                        colour: red
                        """, "2:1: unknown key 'colour' [valid keys here: assertions, camera, duration, groups, name, seed]"),
                broken("a list where a duration goes", """
                        name: q
                        duration: [1, 2]
                        """, "2:11: 'duration': expected a duration like 30s, found a list"),
                broken("a text where a mapping goes", """
                        name: q
                        camera: on
                        """, "2:9: 'camera': expected a mapping of keys, found 'on'"),
                broken("nothing where a text goes", """
                        name:
                        """, "1:6: 'name': expected a text, found nothing [give a value or remove the key]"),
                broken("a duration out of range", """
                        name: q
                        camera:
                          preEventBuffer: 300s
                        """, "3:19: 'preEventBuffer' must be 0s..2m, was 300s"),
                broken("a bare number for a duration", """
                        name: q
                        duration: 45
                        """, "2:11: 'duration': found a bare number 45; give a unit, e.g. 30s"
                        + " [duration units: ms, s, m, h, d (e.g. 250ms, 30s, 1h30m)]"),
                broken("an unknown unit", """
                        name: q
                        duration: 10 parsecs
                        """, "2:11: 'duration': unknown unit 'parsecs' in '10 parsecs'"
                        + " [duration units: ms, s, m, h, d (e.g. 250ms, 30s, 1h30m)]"),
                broken("megabits where a size goes", """
                        name: q
                        camera:
                          storage: 64Gb
                        """, "3:12: 'storage': 'Gb' in '64Gb' reads as bits; a data size is in bytes"
                        + " [write GB (capital B for bytes)]"),
                broken("a huge whole number", """
                        name: q
                        seed: 99999999999999999999
                        """, "2:7: 'seed' must be at least 0, was 99999999999999999999"),
                broken("a huge decimal", """
                        name: q
                        camera:
                          scale: 1e400
                        """, "3:10: 'scale' must be 0.001..1, was 1e400"),
                broken("a hexadecimal count", """
                        name: q
                        groups:
                          - name: a
                            count: 0x10
                        """, "4:12: 'count': expected a whole number, found '0x10' [write the number in decimal]"),
                broken("an octal-looking count", """
                        name: q
                        groups:
                          - name: a
                            count: 010
                        """, "4:12: 'count': 010 has a leading zero, which YAML 1.1 reads as octal"
                        + " [write 10 without the leading zero]"),
                broken("a fraction over 100%", """
                        name: q
                        camera:
                          lowBattery: 30
                        """, "3:15: 'lowBattery' must be 0..1 (0%..100%), was 30 [did you mean 30%?]"),
                broken("a misspelt enum value", """
                        name: q
                        camera:
                          mode: recordng
                        """, "3:9: 'mode': unknown value 'recordng', did you mean 'recording'?"
                        + " [allowed values: off, ready-buffering, recording]"),
                broken("a boolean that is not one", """
                        name: q
                        camera:
                          audio: maybe
                        """, "3:10: 'audio': expected true or false, found 'maybe'"),
                broken("a missing required key", """
                        seed: 1
                        """, "1:1: missing required key 'name'"),
                broken("a missing required key in a list element", """
                        name: q
                        groups:
                          - count: 3
                        """, "3:5: missing required key 'name' in 'groups[0]'"),
                broken("a duplicate key", """
                        name: a
                        seed: 1
                        name: b
                        """, "3:1: duplicate key 'name' (first defined at line 1) [remove one of the two, or rename it]"),
                broken("tab indentation", "name: q\ncamera:\n\taudio: true\n",
                        "3:1: tab character in indentation; YAML indents with spaces only [replace the tab with spaces]"),
                broken("an unclosed quote", """
                        name: "quick
                        seed: 1
                        """, "1:7: unclosed quote: the text starting here never ends"
                        + " [add the closing \" at the end of the text]"),
                broken("binary junk", "name: q\nseed: \u0000\u0001\u0002\n",
                        "2:7: the file contains a control character (U+0000); is it a binary file?"
                        + " [scenario files are UTF-8 text]"),
                broken("an empty document", "",
                        "1:1: the file is empty [a scenario is a mapping of keys, e.g. 'name: quickstart']"),
                broken("a document of comments only", "# nothing yet\n",
                        "1:1: the file is empty [a scenario is a mapping of keys, e.g. 'name: quickstart']"),
                broken("a list at the top level", """
                        - name: q
                        - seed: 1
                        """, "1:1: the top level must be a mapping of keys (key: value), found a list"
                        + " [start the file with keys, e.g. 'name: quickstart']"),
                broken("bad indentation", """
                        name: q
                        camera:
                          audio: true
                         mode: off
                        """, "4:2: this line does not line up with the lines above it"
                        + " [indent it like its sibling keys (or list items) above, using spaces]"),
                broken("a line without a colon", """
                        name: q
                        seed
                        """, "2:1: expected 'key: value' here, but there is no ':'"
                        + " [add ': ' after the key, or indent the line as part of the value above]"),
                broken("a colon inside an unquoted value", """
                        name: q: r
                        """, "1:8: unexpected ':' here"
                        + " [check this line's indentation, or quote a value that contains ': ']"),
                broken("an unclosed flow list", """
                        name: q
                        assertions: [a, b
                        seed: 1
                        """, "3:5: expected ',' or ']' in the list opened at line 2, column 13 [close the list with ']']"),
                broken("a value starting with a reserved character", """
                        name: @home
                        """, "1:7: a value cannot start with '@' [put the value in quotes: \"@...\"]"),
                broken("an unknown escape in double quotes", """
                        name: "C:\\temp\\q"
                        """, "1:16: unknown escape '\\q' in double-quoted text"
                        + " [write \\\\ for a backslash, or use single quotes]"),
                broken("a second document", """
                        name: q
                        ---
                        name: r
                        """, "2:1: a second YAML document starts here; a scenario file holds one"
                        + " [remove the '---' line and what follows, or move it to its own file]"),
                broken("an unknown alias", """
                        name: q
                        camera: *defaults
                        """, "2:9: alias '*defaults' refers to no anchor"
                        + " [mark the value to reuse with '&defaults' before using '*defaults']"),
                broken("a custom tag", """
                        name: !secret q
                        """, "1:7: tag '!secret' is not supported in scenario files"
                        + " [remove the tag; write the value as plain text]"),
                broken("a class-constructing tag", """
                        name: !!javax.script.ScriptEngineManager [q]
                        """, "1:7: tags like this are not supported in scenario files [remove the tag]"),
                broken("several errors at once, reported in file order", """
                        durration: 10m
                        seed: -1
                        camera:
                          preEventBuffer: 300s
                          storage: 64
                        groups:
                          - name: a
                            count: 0
                        """,
                        "1:1: missing required key 'name'",
                        "1:1: unknown key 'durration', did you mean 'duration'?",
                        "2:7: 'seed' must be at least 0, was -1",
                        "4:19: 'preEventBuffer' must be 0s..2m, was 300s",
                        "5:12: 'storage': found a bare number 64; give a unit, e.g. 64GB [data size units: B, kB, MB, GB, TB"
                        + " (1000-based) or KiB, MiB, GiB, TiB (1024-based)]",
                        "8:12: 'count' must be 1..10000, was 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void reports_exactly_these_problems(String what, String yaml, List<String> expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> SampleScenario.load(yaml),
                () -> "expected " + what + " to be refused");
        List<String> actual = e.problems().stream().map(BrokenDocumentsTest::describe).toList();
        assertEquals(expected, actual, () -> "full message:\n" + e.getMessage());
    }

    private static Arguments broken(String what, String yaml, String... problems) {
        return Arguments.of(what, yaml, List.of(problems));
    }

    private static String describe(ScenarioProblem problem) {
        if (!problem.source().equals("scenarios/sample.yaml")) {
            fail("wrong source in " + problem);
        }
        return problem.line() + ":" + problem.column() + ": " + problem.message()
                + (problem.hint().isEmpty() ? "" : " [" + problem.hint() + "]");
    }
}
