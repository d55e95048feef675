package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random mutations of a valid scenario: each must load or fail with a
 * {@link ScenarioException} whose problems point inside the document, never anything else.
 */
class MutationFuzzTest {

    private static final int MUTATIONS = 3_000;
    /** CPU time, not wall time, so a busy machine does not fail the test; about 3.6 s measured here. */
    private static final Duration CPU_BUDGET = Duration.ofSeconds(15);
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] JUNK = {
        ":", "- ", " ", "  ", "\t", "\"", "'", "[", "]", "{", "}", ",", "&a ", "*a", "*camera", "<<: ", "!", "!!",
        "!!binary ", "%", "#", "\n", "\n  ", "|", ">", "? ", "---\n", "...\n", "\u0000", "\u0007", "\u00e9",
        "\uD83D\uDE00", "\uFEFF", "\r", "\u2028", "0x", "1e400", "99999999999999999999", "~", "null", "yes",
        "-", ".", "%%", "\\", "\\q", "@", "`",
    };

    @Test
    void every_mutation_loads_or_fails_with_a_scenario_exception() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            long cpuStart = CPU.getCurrentThreadCpuTime();
            Random random = new Random(20261127L);
            int refused = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                String mutated = mutate(SampleScenario.VALID, random);
                try {
                    SampleScenario.load(mutated);
                } catch (ScenarioException e) {
                    refused++;
                    checkProblems(e, mutated);
                } catch (RuntimeException | StackOverflowError e) {
                    fail("mutation " + i + " threw " + e + " for:\n" + mutated, e);
                }
            }
            assertTrue(refused > MUTATIONS / 4, "suspiciously few mutations refused: " + refused);
            assertTrue(refused < MUTATIONS, "every mutation refused: is the sample itself broken?");
            Duration cpu = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - cpuStart);
            assertTrue(cpu.compareTo(CPU_BUDGET) < 0, "took " + cpu + " of CPU for " + MUTATIONS + " mutations");
        });
    }

    private static void checkProblems(ScenarioException e, String document) {
        assertFalse(e.problems().isEmpty(), "no problems in " + e);
        assertFalse(e.getMessage().isBlank());
        long lines = document.lines().count() + 1;
        for (ScenarioProblem problem : e.problems()) {
            assertTrue(problem.line() >= 0 && problem.line() <= lines && problem.column() >= 0,
                    () -> "position outside the document: " + problem + "\n" + document);
            assertFalse(problem.message().isBlank(), problem::toString);
        }
    }

    private static String mutate(String text, Random random) {
        String result = text;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !result.isEmpty(); i++) {
            int at = random.nextInt(result.length());
            switch (random.nextInt(5)) {
                case 0 -> result = result.substring(0, at);
                case 1 -> {
                    if (at + 1 < result.length()) {
                        result = result.substring(0, at) + result.charAt(at + 1) + result.charAt(at)
                                + result.substring(at + 2);
                    }
                }
                case 2 -> result = result.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + result.substring(at);
                case 3 -> result = result.substring(0, at) + result.substring(Math.min(result.length(),
                        at + 1 + random.nextInt(8)));
                default -> result = result.substring(0, at) + (char) random.nextInt(0x3000) + result.substring(at);
            }
        }
        return result;
    }
}
