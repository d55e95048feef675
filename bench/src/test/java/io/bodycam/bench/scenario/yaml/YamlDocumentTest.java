package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentTest {

    @TempDir
    Path dir;

    @Test
    void load_reads_a_file_and_names_it_as_given() throws IOException {
        Path file = Files.writeString(dir.resolve("quickstart.yaml"), "name: q\n");
        YamlMap root = YamlDocument.load(file);
        assertEquals("q", root.string("name"));
        assertEquals(new SourcePosition(file.toString(), 1, 1), root.position());
    }

    @Test
    void a_leading_byte_order_mark_is_skipped() throws IOException {
        Path file = Files.write(dir.resolve("bom.yaml"), "\uFEFFname: q\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("name"), YamlDocument.load(file).keys());
    }

    @Test
    void bytes_that_are_not_utf8_are_located() throws IOException {
        byte[] junk = {'n', 'a', 'm', 'e', ':', ' ', 'q', '\n', 's', 'e', 'e', 'd', ':', ' ', (byte) 0xFF, (byte) 0xFE, 0};
        Path file = Files.write(dir.resolve("junk.yaml"), junk);
        ScenarioException e = assertThrows(ScenarioException.class, () -> YamlDocument.load(file));
        assertEquals(List.of(file + ":2:7: the file is not UTF-8 text (byte 0xFF); is it a binary file?"), summary(e));
    }

    @Test
    void a_file_over_one_mebibyte_is_refused_before_parsing() throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), "a: " + "x".repeat(YamlDocument.MAX_BYTES));
        ScenarioException e = assertThrows(ScenarioException.class, () -> YamlDocument.load(file));
        assertEquals(List.of(file + ": the file is 1048579 bytes; scenario files are limited to 1MiB"), summary(e));
    }

    @Test
    void a_missing_file_is_a_scenario_problem() {
        Path file = dir.resolve("nope.yaml");
        ScenarioException e = assertThrows(ScenarioException.class, () -> YamlDocument.load(file));
        assertEquals(List.of(file + ": no such file"), summary(e));
    }

    @Test
    void an_alias_bomb_is_refused_quickly() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append("]\n");
        }
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ScenarioException.class, () -> YamlDocument.parse("bomb.yaml", yaml.toString())));
        assertEquals("the file could not be read as YAML: Number of aliases for non-scalar nodes exceeds the specified max=50",
                e.problems().get(0).message());
    }

    @Test
    void aliases_within_the_limit_that_expand_too_far_are_refused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x]\n");
        for (int i = 1; i <= 20; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append("]\n");
        }
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ScenarioException.class, () -> YamlDocument.parse("bomb.yaml", yaml.toString())));
        assertEquals("the document holds more than 250000 values once aliases are expanded", e.problems().get(0).message());
    }

    @Test
    void a_recursive_alias_is_reported_not_followed_forever() {
        Problems problems = new Problems();
        YamlDocument.parse("loop.yaml", "a: &x [1, *x]\n", problems);
        assertEquals(List.of("loop.yaml:1:4: an alias refers to the value that contains it"),
                problems.list().stream().map(p -> p.position() + ": " + p.message()).toList());
    }

    @Test
    void deep_nesting_is_refused() {
        String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> YamlDocument.parse("deep.yaml", yaml));
        assertEquals("the file could not be read as YAML: Nesting Depth exceeded max 50", e.problems().get(0).message());
    }

    @Test
    void a_syntax_error_is_reported_together_with_earlier_problems_of_the_same_load() {
        Problems problems = new Problems();
        YamlDocument.parse("first.yaml", "a: 1\na: 2\n", problems);
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> YamlDocument.parse("second.yaml", "b: 'open\n", problems));
        assertEquals(List.of("first.yaml:2:1: duplicate key 'a' (first defined at line 1)",
                "second.yaml:1:4: unclosed quote: the text starting here never ends"), summary(e));
    }

    private static List<String> summary(ScenarioException e) {
        return e.problems().stream().map(p -> p.position() + ": " + p.message()).toList();
    }
}
