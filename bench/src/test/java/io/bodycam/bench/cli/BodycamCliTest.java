package io.bodycam.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes (DESIGN.md section 5), messages and the run folder. */
class BodycamCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bodycam(String... args) {
        // no autoflush: what the command prints must reach the stream without it, as on a pipe
        return BodycamCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void validate_accepts_the_shipped_scenarios() {
        assertEquals(0, bodycam("validate", "../scenarios/smoke.yaml", "../scenarios/quickstart.yaml"), err.toString());
        assertTrue(out.toString().contains("../scenarios/smoke.yaml: ok (smoke, 20 cameras"), out.toString());
    }

    @Test
    void a_broken_scenario_exits_2_with_file_line_and_column_and_runs_nothing(@TempDir Path dir) throws Exception {
        Path f = write(dir, "bad.yaml", "name: bad\ndurration: 1h\nfleet:\n  - count: 1\n");
        assertEquals(2, bodycam("run", f.toString(), "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains(f + ":2:1: unknown key 'durration', did you mean 'duration'?"), err.toString());
        assertTrue(Files.notExists(dir.resolve("run")), "no run folder for a scenario that is not valid");
    }

    @Test
    void a_missing_file_and_bad_usage_exit_2() {
        assertEquals(2, bodycam("validate", "no-such-file.yaml"));
        assertTrue(err.toString().contains("no-such-file.yaml"), err.toString());
        assertEquals(2, bodycam("run"));
        assertEquals(2, bodycam("fly"));
    }

    @Test
    void an_unreachable_backend_exits_3_and_says_which(@TempDir Path dir) throws Exception {
        Path f = write(dir, "external.yaml", """
                name: unreachable
                duration: 1m
                backend:
                  mqtt: tcp://127.0.0.1:1
                  upload: http://127.0.0.1:1
                fleet:
                  - count: 1
                """);
        assertEquals(3, bodycam("run", f.toString(), "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains("cannot connect the observer to the broker at tcp://127.0.0.1:1"), err.toString());
    }

    @Test
    void a_failed_assertion_exits_1_and_the_run_folder_holds_the_whole_record(@TempDir Path dir) throws Exception {
        Path f = write(dir, "tiny.yaml", """
                name: tiny
                seed: 3
                duration: 20m
                clock: {speed: 120}
                payloadScale: 0.001
                fleet:
                  - count: 3
                timeline:
                  - at: 0s
                    powerOn: {over: 5s}
                  - at: 1m
                    surge: {length: 4m}
                  - at: 10m
                    dock: {}
                assertions:
                  - evidence.lost == 0
                  - evidence.segmentsRecorded > 1000
                """);
        Path run = dir.resolve("run");
        assertEquals(1, bodycam("run", f.toString(), "--out", run.toString()), err.toString());
        for (String file : List.of("scenario.yaml", "summary.json", "events.jsonl", "ledger.jsonl", "junit.xml", "metrics.prom")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " missing from " + run);
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("tiny", summary.path("scenario").asText());
        assertEquals(false, summary.path("passed").asBoolean());
        assertEquals(3, summary.path("devices").path("configured").asInt());
        assertTrue(summary.path("evidence").path("segmentsRecorded").asInt() >= 3, summary.toString());
        assertEquals(summary.path("evidence").path("segmentsRecorded").asInt(), summary.path("evidence").path("verified").asInt());
        JsonNode second = summary.path("assertions").get(1);
        assertEquals("evidence.segmentsRecorded > 1000", second.path("expr").asText());
        assertEquals(false, second.path("passed").asBoolean());
        assertTrue(out.toString().contains("FAIL  evidence.segmentsRecorded > 1000"), out.toString());
        assertTrue(Files.readString(run.resolve("metrics.prom")).contains("bodycam_devices_connected_peak 3.0"));
        assertTrue(Files.readString(run.resolve("junit.xml")).contains("failures=\"1\""));

        out.getBuffer().setLength(0);
        assertEquals(0, bodycam("report", run.toString()));
        assertTrue(out.toString().contains("bodycam run tiny   seed 3   FAILED"), out.toString());
    }

    @Test
    void report_refuses_a_folder_that_is_not_a_run(@TempDir Path dir) {
        assertEquals(2, bodycam("report", dir.toString()));
        assertTrue(err.toString().contains("no summary.json in"), err.toString());
    }
}
