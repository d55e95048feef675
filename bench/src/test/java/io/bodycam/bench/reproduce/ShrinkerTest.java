package io.bodycam.bench.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.SimulatedRun;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.camera.internal.Recorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bodycam shrink}'s search: a bug planted in the camera (the third segment of every recording deleted
 * unsent) fails {@code evidence.lost == 0} in a 200-camera run, and the search brings that down to a scenario of
 * one or two cameras that still fails it, written as a scenario file that runs on its own.
 */
class ShrinkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void noBug() {
        System.clearProperty(Recorder.PLANTED_BUG);
    }

    @Test
    void a_planted_bug_in_a_200_camera_run_shrinks_to_one_or_two_cameras() throws IOException {
        System.setProperty(Recorder.PLANTED_BUG, "purge-third-segment");
        Path failed = tmp.resolve("failed");
        String text = Files.readString(Path.of("..", "scenarios", "quickstart.yaml"))
                + "# bodycam run was given:\n" + Shrinker.SET_LINE + "clock.mode=simulated\n";
        ScenarioRunner.Result r = SimulatedRun.run(load(text), failed, text, new PrintWriter(new StringWriter()));
        assertEquals(ScenarioRunner.ASSERTION_FAILED, r.exitCode(), "the planted bug loses evidence");
        StringWriter console = new StringWriter();

        Shrinker.Result shrunk = new Shrinker(new PrintWriter(console, true), 200, tmp.resolve("work"))
                .shrink(failed, "evidence.lost == 0");

        Scenario small = load(shrunk.scenario());
        assertEquals("evidence.lost == 0", shrunk.assertion());
        assertTrue(small.cameraCount() <= 2, shrunk.scenario() + console);
        assertEquals(1, small.assertions().size(), shrunk.scenario());
        assertTrue(small.timeline().size() < load(text).timeline().size(), shrunk.scenario());
        assertTrue(shrunk.scenario().startsWith("# Shrunk by bodycam shrink from " + failed), shrunk.scenario());
        assertTrue(shrunk.runs() < 200, "it ended by itself, not on the budget: " + console);
        ScenarioRunner.Result again = SimulatedRun.run(small, tmp.resolve("again"), shrunk.scenario(),
                new PrintWriter(new StringWriter()));
        assertEquals(ScenarioRunner.ASSERTION_FAILED, again.exitCode(), "the smaller scenario fails on its own");
        JsonNode lost = JSON.readTree(tmp.resolve("again/summary.json").toFile()).path("evidence").path("lost");
        assertTrue(lost.asInt() > 0, lost.toString());
    }

    @Test
    void there_is_nothing_to_shrink_in_a_run_that_passed_or_a_failure_the_simulation_does_not_show() throws IOException {
        String text = Files.readString(Path.of("..", "scenarios", "smoke.yaml")) + Shrinker.SET_LINE + "clock.mode=simulated\n";
        Path passed = tmp.resolve("passed");
        SimulatedRun.run(load(text), passed, text, new PrintWriter(new StringWriter()));
        Shrinker shrinker = new Shrinker(new PrintWriter(new StringWriter()), 10, tmp.resolve("work"));

        ReproduceException none = assertThrows(ReproduceException.class, () -> shrinker.shrink(passed, null));
        assertTrue(none.getMessage().contains("passed"), none.getMessage());

        // the record says the run failed devices.connectedPeak == 20, which the simulation does not reproduce
        Path record = tmp.resolve("record");
        Files.createDirectories(record);
        Files.writeString(record.resolve("scenario.yaml"), text);
        Files.writeString(record.resolve("summary.json"), "{\"assertions\": [{\"expr\": \"devices.connectedPeak == 20\","
                + " \"passed\": false}]}");
        ReproduceException notShown = assertThrows(ReproduceException.class, () -> shrinker.shrink(record, null));
        assertTrue(notShown.getMessage().contains("does not fail when the scenario runs in simulated mode"), notShown.getMessage());
        ReproduceException other = assertThrows(ReproduceException.class, () -> shrinker.shrink(record, "evidence.lost == 0"));
        assertTrue(other.getMessage().contains("did not fail 'evidence.lost == 0'"), other.getMessage());
    }

    private static Scenario load(String text) {
        return ScenarioLoader.parse("test", text, Substitutions.of(Map.of("clock.mode", "simulated")));
    }
}
