package io.bodycam.bench.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.SimulatedRun;
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
 * {@code bodycam replay}: one camera of a simulated smoke run played again does the same, line for line; a halt
 * at its second verified upload or at a time from the start gives its state there; an edited record, a
 * real-network run, an unknown camera and a bad {@code --until} are each told apart.
 */
class ReplayerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path run;

    @BeforeAll
    static void aSimulatedSmokeRun() throws IOException {
        String text = Files.readString(Path.of("..", "scenarios", "smoke.yaml")) + "# bodycam run was given:\n"
                + Shrinker.SET_LINE + "clock.mode=simulated\n";
        run = tmp.resolve("smoke");
        ScenarioRunner.Result r = SimulatedRun.run(ScenarioLoader.parse("smoke", text,
                Substitutions.of(Map.of("clock.mode", "simulated"))), run, text, new PrintWriter(new StringWriter()));
        assertEquals(ScenarioRunner.PASSED, r.exitCode());
    }

    @Test
    void a_camera_played_again_does_what_the_record_says_event_for_event() throws IOException {
        Replayer.Result r = Replayer.replay(run, "SMK-07", null, tmp.resolve("whole"));

        assertTrue(r.identical(), r.difference());
        assertEquals(events("SMK-07").size(), r.recorded());
        assertEquals(r.recorded(), r.replayed());
        assertEquals("the end of the run", r.halted());
    }

    @Test
    void a_halt_at_an_event_or_a_time_gives_the_camera_state_there() throws IOException {
        String camera = null;
        List<JsonNode> recorded = List.of();
        int second = -1;
        for (int n = 1; n <= 20 && second < 0; n++) {
            camera = String.format("SMK-%02d", n);
            recorded = events(camera);
            for (int i = 0, seen = 0; i < recorded.size(); i++) {
                if (recorded.get(i).path("type").asText().equals("upload.verified") && ++seen == 2) {
                    second = i;
                }
            }
        }
        assertTrue(second >= 0, "a camera of the smoke run verified two uploads");

        Replayer.Result atEvent = Replayer.replay(run, camera, "upload.verified#2", tmp.resolve("event"));

        assertTrue(atEvent.identical(), atEvent.difference());
        assertTrue(atEvent.replayed() > second, "it halts after the event");
        for (int i = second + 1; i < atEvent.replayed(); i++) {
            assertEquals(recorded.get(second).path("t").asLong(), recorded.get(i).path("t").asLong(),
                    "past the event, only what the same step logged at the same instant");
        }
        assertTrue(atEvent.replayed() < recorded.size()
                || recorded.get(recorded.size() - 1).path("t").asLong() == recorded.get(second).path("t").asLong());
        assertTrue(atEvent.halted().startsWith("upload.verified#2 at "), atEvent.halted());
        assertNotNull(atEvent.state());
        JsonNode described = JSON.readTree(Replayer.describe(atEvent));
        assertEquals(camera, described.path("deviceId").asText());
        assertTrue(described.path("state").path("settings").path("heartbeat").asText().matches("\\d+[smh].*"),
                described.toString());

        Replayer.Result atTime = Replayer.replay(run, camera, "1m", tmp.resolve("time"));
        assertTrue(atTime.identical(), atTime.difference());
        assertTrue(atTime.replayed() < recorded.size(), "a minute in, the camera has not done everything yet");
        assertTrue(atTime.halted().startsWith("1m in"), atTime.halted());
        assertFalse(atTime.state().mode() == Mode.OFF, "a minute in, the camera is on");
    }

    @Test
    void an_edited_record_is_found_out_at_its_first_differing_event() throws IOException {
        Path edited = tmp.resolve("edited");
        Files.createDirectories(edited);
        for (String f : List.of(RunRecord.SCENARIO, SimulatedRun.FIGURES)) {
            Files.copy(run.resolve(f), edited.resolve(f));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve(RunRecord.EVENTS), StandardCharsets.UTF_8));
        int third = -1;
        for (int i = 0, seen = 0; i < lines.size() && third < 0; i++) {
            if (lines.get(i).contains("\"deviceId\":\"SMK-05\"") && ++seen == 3) {
                third = i;
            }
        }
        lines.set(third, lines.get(third).replace("\"deviceId\":\"SMK-05\"", "\"deviceId\":\"SMK-05\",\"edited\":true"));
        Files.write(edited.resolve(RunRecord.EVENTS), lines, StandardCharsets.UTF_8);

        Replayer.Result r = Replayer.replay(edited, "SMK-05", null, tmp.resolve("edited-work"));

        assertFalse(r.identical());
        assertTrue(r.difference().startsWith("event 3: recorded "), r.difference());
        assertTrue(r.difference().contains("\"edited\":true"), r.difference());
    }

    @Test
    void a_real_network_run_an_unknown_camera_and_a_bad_until_are_refused_with_the_reason() throws IOException {
        Path real = tmp.resolve("real");
        Files.createDirectories(real);
        Files.copy(run.resolve(RunRecord.SCENARIO), real.resolve(RunRecord.SCENARIO));
        Files.copy(run.resolve(RunRecord.EVENTS), real.resolve(RunRecord.EVENTS));

        ReproduceException notSimulated = assertThrows(ReproduceException.class,
                () -> Replayer.replay(real, "SMK-07", null, tmp.resolve("w1")));
        assertTrue(notSimulated.getMessage().contains("is a real-network run without inputs.jsonl"), notSimulated.getMessage());

        ReproduceException unknown = assertThrows(ReproduceException.class,
                () -> Replayer.replay(run, "SMK-99", null, tmp.resolve("w2")));
        assertTrue(unknown.getMessage().contains("SMK-01 .. SMK-20"), unknown.getMessage());

        ReproduceException badUntil = assertThrows(ReproduceException.class,
                () -> Replayer.replay(run, "SMK-07", "teatime", tmp.resolve("w3")));
        assertTrue(badUntil.getMessage().contains("is not an event type"), badUntil.getMessage());

        ReproduceException notARun = assertThrows(ReproduceException.class,
                () -> Replayer.replay(tmp.resolve("nowhere"), "SMK-07", null, tmp.resolve("w4")));
        assertTrue(notARun.getMessage().contains("is not a run's folder"), notARun.getMessage());
    }

    private static List<JsonNode> events(String deviceId) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunRecord.EVENTS), StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            if (n.path("deviceId").asText().equals(deviceId)) {
                out.add(n);
            }
        }
        return out;
    }
}
