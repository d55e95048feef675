package io.bodycam.bench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.SimulatedRun;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.record.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Searches, in simulated mode (docs/reproduce.md), for a smaller scenario that fails the same assertion as
 * a failed run: fewer cameras and fleet groups, fewer timeline events, a shorter duration, fewer behaviour
 * settings, and no other assertions. Greedy, one change at a time: a change is kept when the smaller
 * scenario still fails that assertion, and the search goes on from there until no change keeps it failing
 * or the budget of runs is spent.
 *
 * <p>It works on the scenario's YAML tree, with the run's {@code --set} values (kept in the record's
 * {@code scenario.yaml} as {@code # --set path=value} lines) written into it, and writes the result as a
 * scenario file of its own with a comment saying what it fails and how it was found.
 */
public final class Shrinker {

    /** The comment line {@code bodycam run} adds to the record's scenario for each {@code --set}. */
    public static final String SET_LINE = RecordedScenario.SET_LINE;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the search found.
     *
     * @param assertion the assertion the smaller scenario still fails
     * @param scenario  the smaller scenario's text, with its comment
     * @param runs      simulated runs made
     * @param steps     the changes kept, in order
     */
    public record Result(String assertion, String scenario, int runs, List<String> steps, String before, String after) {
    }

    private final PrintWriter console;
    private final int budget;
    private final Path work;
    private int runs;

    /**
     * @param budget the most simulated runs the search may make
     * @param work   a folder for the candidates' run records (each deleted after its verdict)
     */
    public Shrinker(PrintWriter console, int budget, Path work) {
        if (budget < 1) {
            throw new IllegalArgumentException("the search needs a budget of at least 1 run, was " + budget);
        }
        this.console = console;
        this.budget = budget;
        this.work = work;
    }

    /**
     * Shrinks the failed run in {@code runDir}, aiming at {@code assertion} (null: the first assertion it
     * failed).
     *
     * @throws ReproduceException when there is nothing to shrink: the run passed, the assertion is not one it
     *                         failed, or the failure does not show in simulated mode
     */
    public Result shrink(Path runDir, String assertion) throws IOException {
        Path summaryFile = runDir.resolve(RunRecord.SUMMARY);
        Path scenarioFile = runDir.resolve(RunRecord.SCENARIO);
        if (!Files.isRegularFile(summaryFile) || !Files.isRegularFile(scenarioFile)) {
            throw new ReproduceException(runDir + " is not a finished run's folder (it needs " + RunRecord.SUMMARY + " and "
                    + RunRecord.SCENARIO + ")");
        }
        List<String> failed = new ArrayList<>();
        JSON.readTree(summaryFile.toFile()).path("assertions").forEach(a -> {
            if (!a.path("passed").asBoolean()) {
                failed.add(a.path("expr").asText());
            }
        });
        if (failed.isEmpty()) {
            throw new ReproduceException("the run in " + runDir + " passed: there is no failure to shrink");
        }
        String target = assertion == null ? failed.get(0) : normalized(assertion);
        if (!failed.contains(target)) {
            throw new ReproduceException("the run did not fail '" + target + "'; it failed: " + String.join(", ", failed));
        }
        String text = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        Map<String, Object> tree = RecordedScenario.tree(text);
        if (!failsInSimulation(tree, target)) {
            throw new ReproduceException("'" + target + "' does not fail when the scenario runs in simulated mode, so it cannot"
                    + " be shrunk there (it may come from the real network or the real backend's timing)");
        }
        String before = describe(tree);
        List<String> steps = new ArrayList<>();
        boolean progress = true;
        while (progress && runs < budget) {
            progress = false;
            for (Candidate c : candidates(tree, target)) {
                if (runs >= budget) {
                    break;
                }
                if (failsInSimulation(c.tree(), target)) {
                    tree = c.tree();
                    steps.add(c.change());
                    console.printf("  kept: %s (run %d of at most %d)%n", c.change(), runs, budget);
                    console.flush();
                    progress = true;
                    break;
                }
            }
        }
        String after = describe(tree);
        String header = String.format(Locale.ROOT, """
                # Shrunk by bodycam shrink from %s.
                # Fails in simulated mode: %s
                # Found in %d simulated runs%s: %s -> %s.
                # Changes kept, in order: %s
                """, runDir, target, runs, runs >= budget ? " (the budget, so it may shrink further)" : "", before, after,
                steps.isEmpty() ? "none" : String.join("; ", steps));
        return new Result(target, header + RecordedScenario.text(tree), runs, List.copyOf(steps), before, after);
    }

    private record Candidate(String change, Map<String, Object> tree) {
    }

    /** The smaller scenarios to try next, the biggest cuts first. */
    @SuppressWarnings("unchecked")
    private static List<Candidate> candidates(Map<String, Object> tree, String target) {
        List<Candidate> out = new ArrayList<>();
        List<Object> assertions = list(tree.get("assertions"));
        if (assertions.size() > 1) {
            Map<String, Object> t = RecordedScenario.copy(tree);
            t.put("assertions", new ArrayList<>(assertions.stream().filter(a -> target.equals(exprOf(a))).toList()));
            out.add(new Candidate("only the assertion '" + target + "'", t));
        }
        List<Object> fleet = list(tree.get("fleet"));
        for (int i = 0; i < fleet.size() && fleet.size() > 1; i++) {
            Map<String, Object> t = RecordedScenario.copy(tree);
            List<Object> groups = new ArrayList<>(list(t.get("fleet")));
            Object gone = groups.remove(i);
            t.put("fleet", groups);
            out.add(new Candidate("fleet group '" + ((Map<String, Object>) gone).get("name") + "' removed", t));
        }
        for (int i = 0; i < fleet.size(); i++) {
            int count = number(((Map<String, Object>) fleet.get(i)).get("count"));
            for (int smaller : count > 3 ? List.of(1, count / 2, count - 1) : count > 1 ? List.of(1, count - 1)
                    : List.<Integer>of()) {
                Map<String, Object> t = RecordedScenario.copy(tree);
                ((Map<String, Object>) list(t.get("fleet")).get(i)).put("count", smaller);
                out.add(new Candidate("fleet[" + i + "].count " + count + " -> " + smaller, t));
            }
        }
        List<Object> timeline = list(tree.get("timeline"));
        for (int i = timeline.size() - 1; i >= 0; i--) {
            Map<String, Object> t = RecordedScenario.copy(tree);
            List<Object> events = new ArrayList<>(list(t.get("timeline")));
            Object gone = events.remove(i);
            t.put("timeline", events);
            out.add(new Candidate("timeline event " + i + " (" + summary(gone) + ") removed", t));
        }
        Object duration = tree.get("duration");
        if (duration != null) {
            Duration d = Durations.parse(String.valueOf(duration));
            Duration half = Duration.ofMinutes(Math.max(1, d.toMinutes() / 2));
            if (half.compareTo(d) < 0) {
                Map<String, Object> t = RecordedScenario.copy(tree);
                t.put("duration", Durations.format(half));
                out.add(new Candidate("duration " + Durations.format(d) + " -> " + Durations.format(half), t));
            }
        }
        if (tree.get("behaviour") instanceof Map<?, ?> behaviour) {
            for (Object key : behaviour.keySet()) {
                Map<String, Object> t = RecordedScenario.copy(tree);
                Map<String, Object> b = new LinkedHashMap<>((Map<String, Object>) t.get("behaviour"));
                b.remove(key);
                if (b.isEmpty()) {
                    t.remove("behaviour");
                } else {
                    t.put("behaviour", b);
                }
                out.add(new Candidate("behaviour." + key + " left to its default", t));
            }
        }
        return out;
    }

    /** Runs {@code tree} in simulated mode; true when it is valid, runs, and fails {@code target}. */
    private boolean failsInSimulation(Map<String, Object> tree, String target) throws IOException {
        String text = RecordedScenario.text(tree);
        Scenario scenario;
        try {
            scenario = RecordedScenario.scenario("shrink candidate", tree);
        } catch (ScenarioException | IllegalArgumentException e) {
            return false;
        }
        if (SimulatedRun.refusal(scenario).isPresent()) {
            return false;
        }
        runs++;
        Path dir = work.resolve("candidate-" + runs);
        try {
            ScenarioRunner.Result r = SimulatedRun.run(scenario, dir, text, new PrintWriter(new StringWriter()));
            if (r.exitCode() == ScenarioRunner.CANNOT_RUN) {
                throw new IOException(r.message());
            }
            for (JsonNode a : JSON.readTree(dir.resolve(RunRecord.SUMMARY).toFile()).path("assertions")) {
                if (target.equals(a.path("expr").asText())) {
                    return !a.path("passed").asBoolean();
                }
            }
            return false;
        } finally {
            WorkFolder.delete(dir);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static int number(Object node) {
        return node instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(node).strip());
    }

    private static String exprOf(Object assertion) {
        Object expr = assertion instanceof Map<?, ?> m ? m.get("expr") : assertion;
        return expr == null ? "" : normalized(String.valueOf(expr));
    }

    private static String normalized(String expr) {
        return expr.strip().replaceAll("\\s+", " ");
    }

    private static String summary(Object event) {
        if (event instanceof Map<?, ?> m) {
            return m.keySet().stream().map(String::valueOf).filter(k -> !k.equals("at")).findFirst().orElse("?")
                    + " at " + m.get("at");
        }
        return String.valueOf(event);
    }

    /** Cameras, timeline events, duration and behaviour settings, in a few words. */
    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> tree) {
        int cameras = list(tree.get("fleet")).stream().mapToInt(g -> number(((Map<String, Object>) g).get("count"))).sum();
        int behaviour = tree.get("behaviour") instanceof Map<?, ?> b ? b.size() : 0;
        return cameras + " camera" + (cameras == 1 ? "" : "s") + ", " + list(tree.get("timeline")).size() + " timeline events, "
                + tree.get("duration") + ", " + behaviour + " behaviour settings, " + list(tree.get("assertions")).size()
                + " assertions";
    }
}
