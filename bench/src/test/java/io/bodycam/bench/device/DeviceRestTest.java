package io.bodycam.bench.device;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.live.ControlServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The camera actions and the clock over the control API's REST calls, against two real cameras and the
 * embedded backend: what a script or another tool does to cameras in hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private DeviceSession session;
    private ControlServer api;

    @BeforeAll
    void start() {
        session = DeviceSession.start(DeviceSession.Settings.defaults().withCount(2).withClock(30, false),
                new PrintWriter(new StringWriter()));
        api = ControlServer.builder(session.cameras()).clock(session.clock()).start();
    }

    @AfterAll
    void stop() {
        api.close();
        session.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.uri() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.uri() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String mode(String id) throws Exception {
        return JSON.readTree(get("/cameras/" + id).body()).path("snapshot").path("mode").asText();
    }

    @Test
    void a_record_action_posted_reaches_the_camera_and_its_recording_reaches_the_backend() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> mode("DEV-0002").equals("READY_BUFFERING"));
        HttpResponse<String> r = post("/cameras/DEV-0002/actions", "{\"action\":\"record\",\"trigger\":\"holster\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("recording asked (holster)", JSON.readTree(r.body()).path("message").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> mode("DEV-0002").equals("RECORDING"));
        await().atMost(Duration.ofSeconds(30)).until(() -> session.observer().device("DEV-0002")
                .flatMap(d -> d.state()).map(s -> s.mode().equals("RECORDING")).orElse(false));
        await("GET /cameras shows it recording").atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode c : JSON.readTree(get("/cameras").body())) {
                if (c.path("deviceId").asText().equals("DEV-0002")) {
                    return c.path("colour").asText().equals("RECORDING") && c.path("online").asBoolean();
                }
            }
            return false;
        });
        JsonNode events = JSON.readTree(get("/cameras/DEV-0002").body()).path("events");
        assertTrue(events.toString().contains("\"trigger\":\"holster\""), events.toString());
        assertEquals("READY_BUFFERING", mode("DEV-0001"), "the other camera is left alone");
    }

    @Test
    void a_command_goes_out_as_the_backend_sends_it_and_the_camera_acknowledges() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> session.observer().device("DEV-0001").map(d -> d.online()).orElse(false));
        HttpResponse<String> r = post("/cameras/DEV-0001/actions", "{\"action\":\"sendCommand\",\"type\":\"locate\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).path("message").asText().startsWith("locate acknowledged ok"), r.body());
    }

    @Test
    void the_clock_pauses_steps_and_runs_again_over_rest() throws Exception {
        JsonNode paused = JSON.readTree(post("/clock", "{\"pause\":true}").body());
        assertTrue(paused.path("paused").asBoolean(), paused.toString());
        long at = paused.path("now").asLong();
        JsonNode stepped = JSON.readTree(post("/clock", "{\"step\":\"90s\"}").body());
        assertEquals(at + 90_000, stepped.path("now").asLong(), stepped.toString());
        assertEquals(stepped.path("now").asLong(), JSON.readTree(get("/clock").body()).path("now").asLong(), "still paused");
        assertTrue(!JSON.readTree(post("/clock", "{\"resume\":true}").body()).path("paused").asBoolean());
        assertEquals(400, post("/clock", "{\"speed\":0}").statusCode());
    }

    @Test
    void a_bad_action_an_unknown_camera_and_a_foreign_post_are_refused_with_the_reason() throws Exception {
        HttpResponse<String> bad = post("/cameras/DEV-0001/actions", "{\"action\":\"setBattery\",\"percent\":140}");
        assertEquals(400, bad.statusCode());
        assertEquals("battery percent must be 0..100, was 140.0", JSON.readTree(bad.body()).path("error").asText());
        assertEquals(404, post("/cameras/NOPE/actions", "{\"action\":\"dock\"}").statusCode());
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(api.uri() + "/cameras/DEV-0001/actions"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=b"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, form.statusCode(), "a form post is not JSON: " + form.body());
        assertEquals(404, get("/proxies").statusCode(), "no fault API behind cameras in hand");
    }

    @Test
    void bound_off_loopback_the_api_needs_a_token() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlServer.builder(session.cameras()).bind(InetAddress.getByName("0.0.0.0")).start());
        assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
        try (ControlServer open = ControlServer.builder(session.cameras()).bind(InetAddress.getByName("0.0.0.0"))
                .token("a-token-of-twenty-chars").start()) {
            URI cameras = URI.create("http://127.0.0.1:" + open.port() + "/cameras");
            assertEquals(401, http.send(HttpRequest.newBuilder(cameras).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(cameras).header("Authorization", "Bearer a-token-of-twenty-chars")
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
