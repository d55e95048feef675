package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes (docs/design.md#exit-codes), messages and the run folder. */
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
        int port = freePort();
        // scrapes the Prometheus endpoint while the run goes on
        CompletableFuture<String> scraped = CompletableFuture.supplyAsync(() -> scrapeWhenUp(port));
        assertEquals(1, bodycam("run", f.toString(), "--out", run.toString(), "--metrics-port", Integer.toString(port)), err.toString());
        for (String file : List.of("scenario.yaml", "summary.json", "events.jsonl", "ledger.jsonl", "junit.xml", "metrics.prom",
                "timeseries.jsonl", "evidence.jsonl", "gps.jsonl", "devices.jsonl", "latency/state.hlog", "latency/timerLag.hlog",
                "report.html")) {
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
        assertEquals(summary.path("evidence").path("segmentsRecorded").asInt(), Files.readAllLines(run.resolve("evidence.jsonl")).size(),
                "evidence.jsonl holds every recorded segment");
        assertTrue(Files.readAllLines(run.resolve("timeseries.jsonl")).size() >= 5, "one line per wall second");
        assertTrue(scraped.join().contains("bodycam_devices_online"), scraped.join());
        assertTrue(out.toString().contains("metrics for Prometheus at http://127.0.0.1:" + port + "/metrics"), out.toString());
        everyMeterIsDocumentedAndEveryDashboardQueryNamesAMeter(Files.readString(run.resolve("metrics.prom")));

        out.getBuffer().setLength(0);
        Files.delete(run.resolve("report.html"));
        assertEquals(0, bodycam("report", run.toString()));
        assertTrue(out.toString().contains("bodycam run tiny   seed 3   FAILED"), out.toString());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "report rebuilds report.html");

        out.getBuffer().setLength(0);
        assertEquals(0, bodycam("report", "--compare", run.toString(), run.toString(), "--out", dir.resolve("same.html").toString()));
        assertTrue(out.toString().contains("0 regressions"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("same.html")));
    }

    private static void everyMeterIsDocumentedAndEveryDashboardQueryNamesAMeter(String prom) throws IOException {
        Set<String> families = Pattern.compile("(?m)^# TYPE (\\S+)").matcher(prom).results().map(m -> m.group(1)).collect(Collectors.toSet());
        String docs = Files.readString(Path.of("../docs/metrics.md"));
        for (String family : families) {
            String name = family.replaceAll("_total$", "");
            assertTrue(docs.contains("`" + name + "`") || docs.contains("`" + family + "`"), family + " is not in docs/metrics.md");
        }
        String dashboard = Files.readString(Path.of("../docker/grafana/bodycam-dashboard.json"));
        Pattern.compile("bodycam_[a-z_]+").matcher(dashboard).results().map(m -> m.group()).distinct().forEach(name ->
                assertTrue(families.contains(name) || families.contains(name.replaceAll("_total$", "")),
                        "the Grafana dashboard queries " + name + ", which the run does not serve: " + families));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String scrapeWhenUp(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        String[] body = {""};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            body[0] = r.body();
            return r.statusCode() == 200;
        });
        return body[0];
    }

    @Test
    void report_wants_a_run_folder_or_two_to_compare_and_metrics_port_a_valid_port(@TempDir Path dir) throws Exception {
        assertEquals(2, bodycam("report"));
        assertTrue(err.toString().contains("give either RUN_DIR or --compare RUN_A RUN_B"), err.toString());
        assertEquals(2, bodycam("run", "../scenarios/smoke.yaml", "--metrics-port", "0", "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains("--metrics-port must be 1..65535, was 0"), err.toString());
    }

    @Test
    void report_refuses_a_folder_that_is_not_a_run(@TempDir Path dir) {
        assertEquals(2, bodycam("report", dir.toString()));
        assertTrue(err.toString().contains("no summary.json in"), err.toString());
    }
}
