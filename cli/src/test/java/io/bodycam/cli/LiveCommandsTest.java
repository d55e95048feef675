package io.bodycam.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that put cameras in a person's hands: {@code bodycam device --script}, {@code bodycam run
 * --control-port --ui-port} with the fault control API's documented requests (docs/faults.md), and
 * {@code bodycam report --ui-port} replaying a record.
 */
class LiveCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    private int bodycam(String... args) {
        return BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void the_documented_device_script_records_docks_and_resumes_the_upload_after_the_network_is_pulled() {
        assertEquals(0, bodycam("device", "--paused", "--script", "../docs/steps/upload-resume.steps"), out + "\n" + err);
        assertTrue(out.toString().contains("upload.resumed segmentId=DEV-0001-R00001-S001"), out.toString());
    }

    @Test
    void a_script_step_that_fails_exits_1_naming_its_line(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("bad.steps"), "# nothing recorded yet\nexpect mode RECORDING\n");
        assertEquals(1, bodycam("device", "--paused", "--script", script.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("line 2 failed: expect mode RECORDING"), out.toString());
    }

    @Test
    void serving_off_loopback_without_a_token_or_a_bad_device_option_is_bad_input(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), "name: s\nduration: 1m\nfleet:\n  - count: 1\n");
        assertEquals(2, bodycam("run", f.toString(), "--ui-port", "0", "--ui-bind", "0.0.0.0", "--token", ""));
        assertTrue(err.toString().contains("--ui-bind 0.0.0.0 is not a loopback address: give --token"), err.toString());
        assertEquals(2, bodycam("device", "--count", "0"));
        assertTrue(err.toString().contains("camera count must be 1..100, was 0"), err.toString());
    }

    @Test
    void a_run_serves_the_fault_api_as_documented_and_the_camera_actions_then_its_record_replays(@TempDir Path dir)
            throws Exception {
        Path f = Files.writeString(dir.resolve("served.yaml"), """
                name: served
                seed: 4
                duration: 30m
                clock: {speed: 60}
                payloadScale: 0.001
                fleet:
                  - name: east
                    count: 3
                    idPattern: "EAST-{index:0}"
                behaviour:
                  incidentsPerHour: 0
                timeline:
                  - at: 0s
                    powerOn: {over: 5s}
                  - at: 20m
                    dock: {over: 10s}
                assertions:
                  - evidence.lost == 0
                """);
        int control = freePort();
        int ui = freePort();
        Path run = dir.resolve("run");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> bodycam("run", f.toString(), "--out", run.toString(),
                "--control-port", Integer.toString(control), "--ui-port", Integer.toString(ui)));
        String api = "http://localhost:" + control;
        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("control API at http://127.0.0.1:" + control));

        JsonNode proxies = JSON.readTree(get(api + "/proxies").body());
        assertTrue(proxies.has("mqtt-east") && proxies.has("http-east"), "one pair of proxies per group: " + proxies);
        HttpResponse<String> toxic = post(api + "/proxies/mqtt-east/toxics",
                "{\"type\":\"latency\",\"stream\":\"downstream\",\"attributes\":{\"latency\":300,\"jitter\":200}}");
        assertEquals(200, toxic.statusCode(), toxic.body());
        assertEquals(200, post(api + "/backend/http", "{\"errorShare\":0.1,\"errorStatus\":503,\"lostShare\":0.05}").statusCode());
        await("the dashboard lists the faults in force").atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode faults = JSON.readTree(get("http://localhost:" + ui + "/api/counters").body()).path("faults");
            return faults.toString().contains("mqtt-east") && faults.toString().contains("backend http");
        });
        assertEquals(204, post(api + "/reset", "").statusCode());
        HttpResponse<String> cut = post(api + "/cameras/EAST-2/actions", "{\"action\":\"powerCut\"}");
        assertEquals(200, cut.statusCode(), cut.body());

        assertEquals(0, exit.get().intValue(), out + "\n" + err);
        assertTrue(Files.readString(run.resolve("events.jsonl")).contains("\"type\":\"fault.powerLoss\""));

        CompletableFuture<Integer> replay = new CompletableFuture<>();
        int port = freePort();
        Thread serving = new Thread(() -> replay.complete(bodycam("report", "--ui-port", Integer.toString(port), run.toString())));
        serving.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("replaying " + run));
        JsonNode fleet = JSON.readTree(get("http://127.0.0.1:" + port + "/api/fleet").body());
        assertTrue(fleet.path("replay").asBoolean(), fleet.toString());
        serving.interrupt();
        assertEquals(0, replay.get().intValue());
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the docs' curl commands send it: JSON, with its content type. */
    private HttpResponse<String> post(String uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
