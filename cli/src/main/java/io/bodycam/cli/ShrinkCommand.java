package io.bodycam.cli;

import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.reproduce.ReproduceException;
import io.bodycam.bench.reproduce.Shrinker;
import io.bodycam.bench.reproduce.WorkFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bodycam shrink RUN}: searches, in simulated mode, for a smaller scenario that fails the same
 * assertion as the failed run in {@code RUN}, and writes it as a scenario file (docs/reproduce.md#shrinking-a-failed-run).
 * Exit codes: 0 a smaller scenario written, 2 nothing to shrink (the run passed, or its failure does not
 * show in simulated mode) or bad input, 3 it could not be carried out.
 */
@Command(name = "shrink", description = "Find a smaller scenario that fails the same assertion as a failed run (simulated mode).")
final class ShrinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "the failed run's folder")
    Path run;

    @Option(names = "--assertion", paramLabel = "EXPR", description = "the failed assertion to keep failing (default: the first one)")
    String assertion;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the smaller scenario (default: RUN/shrunk.yaml)")
    Path out;

    @Option(names = "--budget", defaultValue = "200", paramLabel = "N",
            description = "the most simulated runs the search may make (default: ${DEFAULT-VALUE})")
    int budget;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (budget < 1) {
            err.println("bodycam shrink: --budget must be at least 1, was " + budget);
            return ScenarioRunner.BAD_INPUT;
        }
        Path target = out != null ? out : run.resolve("shrunk.yaml");
        Path work = Files.createTempDirectory("bodycam-shrink-");
        try {
            console.printf("shrinking %s in simulated mode (at most %d runs) ...%n", run, budget);
            console.flush();
            Shrinker.Result r = new Shrinker(console, budget, work).shrink(run, assertion);
            Files.writeString(target, r.scenario(), StandardCharsets.UTF_8);
            console.printf("fails %s%n  before  %s%n  after   %s%n  runs    %d%s%n  wrote   %s%n  replay  ./bodycam run %s%n",
                    r.assertion(), r.before(), r.after(), r.runs(), r.runs() >= budget ? " (the budget: it may shrink further"
                            + " with a larger --budget)" : "", target, target);
            return ScenarioRunner.PASSED;
        } catch (ReproduceException e) {
            err.println("bodycam shrink: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } finally {
            WorkFolder.delete(work);
        }
    }
}
