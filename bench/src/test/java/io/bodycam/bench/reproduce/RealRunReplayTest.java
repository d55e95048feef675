package io.bodycam.bench.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.state.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's "replay reproduces a camera of a real-network smoke run with no diff": scenarios/smoke.yaml runs over
 * real sockets against the embedded backend (at four times its speed, so the bench's timers run late and the
 * network's timing is anything but repeatable), and each of its 20 cameras, played alone from its lines of
 * {@code inputs.jsonl}, does again exactly what {@code events.jsonl} says it did. An input log with one answer taken
 * out is found out where the camera could no longer follow it.
 */
class RealRunReplayTest {

    @TempDir
    static Path tmp;
    private static Path run;

    @BeforeAll
    static void aRealSmokeRun() throws IOException {
        Path file = Path.of("..", "scenarios", "smoke.yaml");
        String text = Files.readString(file);
        run = tmp.resolve("smoke");
        StringWriter console = new StringWriter();
        ScenarioRunner.Result r = ScenarioRunner.run(ScenarioLoader.parse("smoke.yaml", text,
                        Substitutions.of(Map.of("clock.speed", "480"))),
                new ScenarioRunner.Options(run, tmp, text, new PrintWriter(console), false, 0, null, Shard.WHOLE));
        assertTrue(r.exitCode() == ScenarioRunner.PASSED || r.exitCode() == ScenarioRunner.ASSERTION_FAILED,
                r.message() + "\n" + console);
        assertTrue(Files.size(run.resolve(RunRecord.INPUTS)) > 0, "the run wrote its input log");
    }

    @Test
    void every_camera_of_a_real_smoke_run_played_alone_does_again_what_the_record_says() throws IOException {
        List<String> different = new ArrayList<>();
        int uploaded = 0;
        for (int i = 1; i <= 20; i++) {
            String id = String.format("SMK-%02d", i);
            Replayer.Result r = Replayer.replay(run, id, null, tmp.resolve("w-" + id));
            assertTrue(r.recorded() > 0, id + " has events in the record");
            if (!r.identical()) {
                different.add(id + ": " + r.difference());
            }
            if (Files.readString(tmp.resolve("w-" + id).resolve(RunRecord.EVENTS)).contains("\"type\":\"upload.verified\"")) {
                uploaded++;
            }
        }
        assertEquals(List.of(), different);
        assertTrue(uploaded > 0, "some cameras uploaded and had their segments verified, in the replay too");
    }

    @Test
    void a_halt_at_an_event_gives_the_camera_state_there() throws IOException {
        Replayer.Result r = Replayer.replay(run, busiest(), "upload.completed", tmp.resolve("halt"));
        assertTrue(r.identical(), r.difference());
        assertTrue(r.halted().startsWith("upload.completed at "), r.halted());
        assertNotNull(r.state());
        assertEquals(Mode.DOCKED, r.state().mode(), "a camera uploads in its dock");
        assertTrue(r.how().startsWith("alone from its input log"), r.how());
    }

    @Test
    void an_input_log_with_an_answer_taken_out_is_found_out() throws IOException {
        Path edited = tmp.resolve("edited");
        Files.createDirectories(edited);
        for (String f : List.of(RunRecord.SCENARIO, RunRecord.EVENTS)) {
            Files.copy(run.resolve(f), edited.resolve(f));
        }
        String camera = busiest();
        List<String> lines = new ArrayList<>();
        boolean dropped = false;
        for (String line : Files.readAllLines(run.resolve(RunRecord.INPUTS), StandardCharsets.UTF_8)) {
            if (!dropped && line.startsWith("{\"d\":\"" + camera + "\",\"k\":\"res\"")) {
                dropped = true;
                continue;
            }
            lines.add(line);
        }
        assertTrue(dropped, camera + " had an answer from its evidence link");
        Files.write(edited.resolve(RunRecord.INPUTS), lines, StandardCharsets.UTF_8);

        Replayer.Result r = Replayer.replay(edited, camera, null, tmp.resolve("w-edited"));

        assertFalse(r.identical());
        assertTrue(r.difference().contains("which the camera never made") || r.difference().contains("recorded"),
                r.difference());
    }

    /** The camera with the most events: it surely talked to the evidence server. */
    private static String busiest() throws IOException {
        String best = null;
        long most = -1;
        List<String> events = Files.readAllLines(run.resolve(RunRecord.EVENTS), StandardCharsets.UTF_8);
        for (int i = 1; i <= 20; i++) {
            String id = String.format("SMK-%02d", i);
            long n = events.stream().filter(l -> l.contains("\"deviceId\":\"" + id + "\"")).count();
            if (n > most) {
                most = n;
                best = id;
            }
        }
        return best;
    }
}
