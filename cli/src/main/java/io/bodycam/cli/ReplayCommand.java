package io.bodycam.cli;

import io.bodycam.bench.reproduce.Replayer;
import io.bodycam.bench.reproduce.ReproduceException;
import io.bodycam.bench.reproduce.WorkFolder;
import io.bodycam.bench.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bodycam replay RUN --device ID [--until EVENT|TIME]} (or {@code --all}, every camera): plays a simulated run again, or one camera of a
 * real-network run alone from its input log, and compares the camera's events with the record, printing its state
 * where it halts (docs/reproduce.md#replaying-one-camera).
 * Exit codes: 0 the camera did the same again, 1 it did not (the difference is printed), 2 bad input or a run
 * that cannot be replayed, 3 it could not be carried out.
 */
@Command(name = "replay", description = "Play one camera of a run again (a simulated run whole, a real-network run's camera"
        + " alone from its input log), compare its events with the record, show its state.")
final class ReplayCommand implements Callable<Integer> {

    /** How often {@code --all} says how far it got. */
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run's folder")
    Path run;

    @Option(names = "--device", paramLabel = "ID", description = "the camera to follow")
    String device;

    @Option(names = "--all", description = "play every camera again and say which did not do the same (instead of --device)")
    boolean all;

    @Option(names = "--until", paramLabel = "EVENT|TIME", description = "halt at an event of the camera (upload.verified,"
            + " upload.verified#3), a virtual time from the start (1h30m) or an instant (2027-01-04T08:30:00Z), and print"
            + " its state there (default: the end of the run)")
    String until;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (all == (device != null)) {
            err.println("bodycam replay: give either --device ID (one camera, its state where it halts) or --all (every camera)");
            return ScenarioRunner.BAD_INPUT;
        }
        if (all && until != null) {
            err.println("bodycam replay: --until halts one camera; it goes with --device, not --all");
            return ScenarioRunner.BAD_INPUT;
        }
        Path work = Files.createTempDirectory("bodycam-replay-");
        try {
            if (all) {
                return all(out, work);
            }
            Replayer.Result r = Replayer.replay(run, device, until, work);
            out.printf("replayed %s of %s %s, halted at %s%n", device, run, r.how(), r.halted());
            out.printf("  events  %d in the record, %d in the replay: %s%n", r.recorded(), r.replayed(),
                    r.identical() ? "identical" : "DIFFERENT");
            if (!r.identical()) {
                out.println("  first difference, " + r.difference());
            }
            out.println(Replayer.describe(r));
            out.flush();
            return r.identical() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED;
        } catch (ReproduceException | IllegalArgumentException e) {
            err.println("bodycam replay: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } finally {
            WorkFolder.delete(work);
        }
    }

    /** Every camera of the run, a tally, and the first difference of each camera that differs (ten at most). */
    private int all(PrintWriter out, Path work) throws IOException {
        long[] lastSaid = {System.nanoTime()};
        Replayer.Tally t = Replayer.replayAll(run, work, (done, of) -> {
            if (System.nanoTime() - lastSaid[0] >= PROGRESS_NANOS) {
                lastSaid[0] = System.nanoTime();
                out.printf("  replayed %d of %d cameras%n", done, of);
                out.flush();
            }
        });
        out.printf("replayed %d cameras of %s, %s: %d identical, %d different%n", t.cameras(), run, t.how(),
                t.cameras() - t.different().size(), t.different().size());
        t.different().stream().limit(10).forEach(r -> out.println("  " + r.deviceId() + ", first difference, " + r.difference()));
        if (t.different().size() > 10) {
            out.printf("  ... and %d more%n", t.different().size() - 10);
        }
        out.flush();
        return t.different().isEmpty() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED;
    }
}
