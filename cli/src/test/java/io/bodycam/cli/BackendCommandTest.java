package io.bodycam.cli;

import static org.awaitility.Awaitility.await;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bodycam backend} as its own process, as a vendor or a container runs it: fixed ports, a small
 * fleet run against it as an external backend, and a clean stop on SIGTERM that leaves its ledger.
 */
class BackendCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Process backend;

    @AfterEach
    void stopBackend() throws InterruptedException {
        if (backend != null && backend.isAlive()) {
            backend.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serves_a_fleet_on_fixed_ports_and_stops_cleanly_on_sigterm(@TempDir Path dir) throws Exception {
        int mqtt = freePort();
        int http = freePort();
        Path data = dir.resolve("data");
        Path log = dir.resolve("backend.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        backend = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BodycamCli.class.getName(),
                "backend", "--mqtt-port", Integer.toString(mqtt), "--http-port", Integer.toString(http),
                "--data", data.toString(), "--status-every", "1s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("the backend says it is ready").atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("ready"));
        assertTrue(read(log).contains("mqtt    tcp://127.0.0.1:" + mqtt), read(log));
        HttpResponse<String> time = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/time")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, time.statusCode(), "GET /time: " + time.body());

        Path scenario = dir.resolve("external.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: external", "seed: 3", "duration: 1h", "clock: {speed: 60}", "payloadScale: 0.001",
                "backend:", "  mqtt: tcp://127.0.0.1:" + mqtt, "  upload: http://127.0.0.1:" + http,
                "fleet:", "  - count: 5", "    idPattern: \"EXT-{index}\"",
                "timeline:", "  - at: 0s", "    powerOn: {over: 5s}",
                "  - at: 1m", "    surge: {length: 3m}", "  - at: 5m", "    dock: {over: 5s}",
                "assertions:", "  - devices.connectedPeak == 5", "  - evidence.verified >= 5", "  - evidence.lost == 0", ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(out), new PrintWriter(err), "run", scenario.toString(),
                "--out", dir.resolve("run").toString());
        assertEquals(0, code, out + "\n" + err);
        long verified = JSON.readTree(dir.resolve("run/summary.json").toFile()).path("evidence").path("verified").asLong();
        await("a status line counts the verified segments").atMost(Duration.ofSeconds(10))
                .until(() -> read(log).contains(verified + " verified"));

        backend.destroy();
        assertTrue(backend.waitFor(30, TimeUnit.SECONDS), "the backend stops within 30 s of SIGTERM");
        assertTrue(read(log).contains("bodycam backend: stopped"), read(log));
        JsonNode ledger = JSON.readTree(data.resolve("ledger.json").toFile());
        List<JsonNode> entries = new ArrayList<>();
        ledger.path("entries").forEach(entries::add);
        assertTrue(verified >= 5, "verified in the run: " + verified);
        assertEquals(verified, entries.stream().filter(e -> e.path("status").asText().equals("VERIFIED")).count(),
                "verified segments in ledger.json: " + entries);
        assertEquals("tcp://127.0.0.1:" + mqtt, JSON.readTree(data.resolve("backend.json").toFile()).path("mqtt").asText());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
