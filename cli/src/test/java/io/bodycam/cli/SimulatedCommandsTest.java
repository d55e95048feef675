package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated mode from the command line, as docs/reproduce.md shows it: {@code bodycam run} with
 * {@code --set clock.mode=simulated}, then {@code bodycam replay} and {@code bodycam shrink} on its folder, with
 * their exit codes and what they refuse.
 */
class SimulatedCommandsTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int bodycam(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return BodycamCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void a_simulated_smoke_run_is_replayed_and_has_nothing_to_shrink(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("smoke");
        assertEquals(0, bodycam("run", "../scenarios/smoke.yaml", "--set", "clock.mode=simulated", "--out", run.toString()),
                out + "\n" + err);
        assertTrue(out.toString().contains("report      not written for a simulated run"), out.toString());
        assertTrue(Files.readString(run.resolve("scenario.yaml")).endsWith("# --set clock.mode=simulated\n"),
                "the record keeps how the run was made");

        assertEquals(0, bodycam("replay", run.toString(), "--device", "SMK-07", "--until", "upload.verified#2"), out + "\n" + err);
        assertTrue(out.toString().contains("in the replay: identical"), out.toString());
        assertTrue(out.toString().contains("\"mode\" :"), "the camera's state where it halted: " + out);

        assertEquals(2, bodycam("replay", run.toString(), "--device", "SMK-07", "--until", "teatime"));
        assertTrue(err.toString().contains("bodycam replay: --until teatime is not an event type"), err.toString());

        assertEquals(2, bodycam("shrink", run.toString()));
        assertTrue(err.toString().contains("passed"), err.toString());
    }

    @Test
    void validate_judges_a_simulated_scenario_by_what_simulated_mode_can_run() {
        assertEquals(0, bodycam("validate", "../scenarios/smoke.yaml", "../scenarios/firmware-rollout.yaml", "--set",
                "clock.mode=simulated"), err.toString());
        assertTrue(out.toString().contains("../scenarios/smoke.yaml: ok (smoke, 20 cameras"), out.toString());

        assertEquals(2, bodycam("validate", "../scenarios/mp4-smoke.yaml", "--set", "clock.mode=simulated"));
        assertTrue(err.toString().contains("simulated mode cannot run mp4-smoke: it films synthetic payloads only"), err.toString());
    }

    @Test
    void wall_clock_options_are_refused_for_a_simulated_run(@TempDir Path dir) {
        assertEquals(2, bodycam("run", "../scenarios/smoke.yaml", "--set", "clock.mode=simulated", "--threads", "2",
                "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains("--threads apply to real-network runs"), err.toString());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing is written for a refused run");
    }
}
