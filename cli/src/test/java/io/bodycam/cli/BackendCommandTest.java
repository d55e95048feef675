package io.bodycam.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.BackendTls;
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
import java.time.Clock;
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

    @Test
    void upload_pki_serves_the_uploads_over_mutual_tls_with_the_fleets_certificates(@TempDir Path dir) throws Exception {
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), List.of("EXT-1"), 1).layout();
        int mqtt = freePort();
        int http = freePort();
        Path log = dir.resolve("backend.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        backend = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BodycamCli.class.getName(),
                "backend", "--mqtt-port", Integer.toString(mqtt), "--http-port", Integer.toString(http),
                "--data", dir.resolve("data").toString(), "--upload-pki", pki.dir().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("the backend says it is ready").atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("ready"));
        assertTrue(read(log).contains("upload  https://127.0.0.1:" + http + "/files/ (tus 1.0.0, mutual TLS with " + pki.dir() + ")"),
                read(log));
        URI time = URI.create("https://127.0.0.1:" + http + "/time");

        HttpResponse<String> withCertificate = client(pki, true).send(HttpRequest.newBuilder(time).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withCertificate.statusCode(), withCertificate.body());
        HttpClient withoutCertificate = client(pki, false);
        assertThrows(IOException.class, () -> withoutCertificate.send(HttpRequest.newBuilder(time).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void upload_pki_without_a_server_certificate_is_bad_input(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "backend",
                "--upload-pki", dir.toString());
        assertEquals(ScenarioRunner.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("--upload-pki " + dir + " has no server.pem"), err.toString());
    }

    @Test
    void a_read_back_profile_makes_it_store_what_is_put_and_serve_it_back(@TempDir Path dir) throws Exception {
        int http = freePort();
        Path data = dir.resolve("data");
        Path log = dir.resolve("backend.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        backend = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BodycamCli.class.getName(),
                "backend", "--mqtt-port", Integer.toString(freePort()), "--http-port", Integer.toString(http),
                "--data", data.toString(), "--profile", "put")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("the backend says it is ready").atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("ready"));
        assertTrue(read(log).contains("profile put: http://127.0.0.1:" + http + "/evidence/... (PUT or POST, then GET)"),
                read(log));
        URI segment = URI.create("http://127.0.0.1:" + http + "/evidence/metro/CAM-1/R1/S1.bin");
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> put = client.send(HttpRequest.newBuilder(segment)
                .PUT(HttpRequest.BodyPublishers.ofString("segment bytes")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(segment).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(201, put.statusCode(), put.body());
        assertEquals(200, get.statusCode(), get.body());
        assertEquals("segment bytes", get.body());
        try (var files = Files.walk(data.resolve("store"))) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "one file under the data folder's store/");
        }
        backend.destroy();
        assertTrue(backend.waitFor(30, TimeUnit.SECONDS), "the backend stops within 30 s of SIGTERM");
        assertTrue(read(log).contains("; 1 objects stored (put)"), read(log));
    }

    @Test
    void an_unknown_profile_is_bad_input_with_the_nearest_name(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = BodycamCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "backend",
                "--profile", "s4", "--data", dir.toString());
        assertEquals(ScenarioRunner.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("unknown device profile 's4'"), err.toString());
    }

    /** The JDK's HTTP client trusting the pki's CA, with the observer's certificate or none. */
    private static HttpClient client(PkiLayout pki, boolean certificate) {
        BackendTls tls = new BackendTls(pki.caCert(), certificate ? pki.dir() : null, true);
        return HttpClient.newBuilder().sslContext(new ClientTls(tls).observerContext()).build();
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
