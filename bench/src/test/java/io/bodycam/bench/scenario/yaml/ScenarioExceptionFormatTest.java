package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioExceptionFormatTest {

    @Test
    void message_quotes_the_line_with_a_caret_under_the_column() {
        String yaml = """
                name: quickstart
                camera:
                  durration: 10m
                """;
        ScenarioException e = assertThrows(ScenarioException.class, () -> {
            YamlMap root = YamlDocument.parse("scenarios/quickstart.yaml", yaml);
            root.string("name");
            root.map("camera").duration("duration", java.time.Duration.ofSeconds(1),
                    java.time.Duration.ZERO, java.time.Duration.ofHours(1));
            root.finish();
            root.problems().throwIfAny();
        });
        assertEquals("""
                scenarios/quickstart.yaml:3:3: unknown key 'durration', did you mean 'duration'?
                    3 |   durration: 10m
                      |   ^""", e.getMessage());
    }

    @Test
    void a_hint_follows_the_caret_and_several_problems_are_counted() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> SampleScenario.load("""
                name: q
                seed: x
                colour: red
                """));
        assertEquals("""
                scenarios/sample.yaml:2:7: 'seed': expected a whole number, found 'x'
                    2 | seed: x
                      |       ^

                scenarios/sample.yaml:3:1: unknown key 'colour'
                    3 | colour: red
                      | ^
                      = hint: valid keys here: assertions, camera, duration, groups, name, seed

                2 problems""", e.getMessage());
    }

    @Test
    void tabs_before_the_column_are_kept_so_the_caret_lines_up() {
        ScenarioProblem problem = new ScenarioProblem("f.yaml", 1, 3, "m", "", "\t\tx");
        assertEquals("f.yaml:1:3: m\n    1 | \t\tx\n      | \t\t^", problem.format());
    }

    @Test
    void control_characters_in_the_quoted_line_are_shown_as_question_marks() {
        ScenarioProblem problem = new ScenarioProblem("f.yaml", 1, 3, "m", "", "a:\u0000b");
        assertEquals("f.yaml:1:3: m\n    1 | a:?b\n      |   ^", problem.format());
    }

    @Test
    void a_long_line_is_cut_around_the_column() {
        String line = "k: " + "x".repeat(500);
        ScenarioProblem problem = new ScenarioProblem("f.yaml", 7, 300, "m", "", line);
        String[] lines = problem.format().split("\n");
        assertTrue(lines[1].startsWith("    7 | ...") && lines[1].endsWith("..."), lines[1]);
        assertEquals(lines[1].indexOf("...") + 3 + 80, lines[2].indexOf('^'), problem.format());
    }

    @Test
    void a_whole_file_problem_has_no_line_and_no_caret() {
        ScenarioProblem problem = new ScenarioProblem("f.yaml", 0, 0, "no such file", "check the path", "");
        assertEquals("f.yaml: no such file\n      = hint: check the path", problem.format());
    }

    @Test
    void only_the_first_twenty_problems_are_shown() {
        List<ScenarioProblem> problems = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            problems.add(new ScenarioProblem("f.yaml", i, 1, "problem " + i, "", "x"));
        }
        String message = new ScenarioException(problems).getMessage();
        assertTrue(message.contains("problem 20\n"), message);
        assertTrue(!message.contains("problem 21"), message);
        assertTrue(message.endsWith("\n\nand 5 more (25 problems in total)"), message);
    }

    @Test
    void problems_from_several_files_stay_grouped_by_file_in_reading_order() {
        Problems problems = new Problems();
        YamlMap first = YamlDocument.parse("b.yaml", "x: 1\ny: 2\n", problems);
        YamlMap second = YamlDocument.parse("a.yaml", "z: 3\n", problems);
        second.finish();
        first.finish();
        ScenarioException e = assertThrows(ScenarioException.class, problems::throwIfAny);
        assertEquals(List.of("b.yaml:1:1", "b.yaml:2:1", "a.yaml:1:1"),
                e.problems().stream().map(p -> p.position().toString()).toList());
    }
}
