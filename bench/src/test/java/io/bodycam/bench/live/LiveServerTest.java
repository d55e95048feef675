package io.bodycam.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.faults.internal.ControlHandler;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's server over real sockets, against the fake fleet. */
class LiveServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final FakeFleet fleet = new FakeFleet(50, 7);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private LiveServer start(LiveServer.Builder b) {
        LiveServer s = b.start();
        closing.add(0, s);
        return s;
    }

    private HttpResponse<String> get(LiveServer s, String path, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(LiveServer s, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(s.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_stream_sends_a_full_frame_then_batches_of_what_changed_at_most_every_500_ms() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet));
        try (SseClient sse = new SseClient(server.uri(), "/api/events", false, null)) {
            SseMirror mirror = new SseMirror(50);
            SseClient.Event first = sse.next("batch", 10);
            assertNotNull(first, "a first batch within 10 s; status " + sse.status());
            assertTrue(first.data().contains("\"full\":1"), first.data());
            mirror.apply(first.data());
            assertNull(mirror.differenceFrom(fleet.states()));

            fleet.step(0.1);
            SseClient.Event delta = sse.next("batch", 10);
            assertNotNull(delta, "a batch after the fleet moved");
            assertTrue(!delta.data().contains("\"full\""), "a delta, not a full frame: " + delta.data());
            mirror.apply(delta.data());
            assertNull(mirror.differenceFrom(fleet.states()), "the subscriber sees the fleet as it is");

            fleet.step(0.1);
            SseClient.Event next = sse.next("batch", 10);
            assertNotNull(next);
            long gapMs = (next.arrivedNanos() - delta.arrivedNanos()) / 1_000_000;
            assertTrue(gapMs >= 400, "batches at most every 500 ms (network jitter aside), were " + gapMs + " ms apart");
            assertNotNull(sse.next("counters", 5), "counters follow");
        }
    }

    @Test
    void an_action_reaches_the_fleet_and_its_result_comes_back() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet));
        fleet.set("CAM-00003", Mode.RECORDING);
        HttpResponse<String> r = post(server, "/api/cameras/CAM-00003/actions", "{\"action\":\"pullNetwork\",\"seconds\":45}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pullNetwork done", JSON.readTree(r.body()).path("message").asText());
        assertEquals(List.of(new FakeFleet.Received("CAM-00003", new CameraAction.PullNetwork(Duration.ofSeconds(45)))),
                fleet.received());
    }

    @Test
    void a_bad_action_gets_400_with_the_reason_and_reaches_nobody() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet));
        HttpResponse<String> r = post(server, "/api/cameras/CAM-00003/actions", "{\"action\":\"setBattery\",\"percent\":140}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("battery percent must be 0..100, was 140.0", JSON.readTree(r.body()).path("error").asText());
        HttpResponse<String> notJson = post(server, "/api/cameras/CAM-00003/actions", "power cut please");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertTrue(JSON.readTree(notJson.body()).path("error").asText().startsWith("the body is not JSON"), notJson.body());
        assertTrue(fleet.received().isEmpty(), "no action reached the fleet: " + fleet.received());
    }

    @Test
    void an_unknown_camera_is_404_and_a_refused_action_409_with_the_fleets_reason() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet));
        HttpResponse<String> unknown = post(server, "/api/cameras/NOPE/actions", "{\"action\":\"dock\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("no camera NOPE in this fleet", JSON.readTree(unknown.body()).path("error").asText());
        fleet.set("CAM-00004", Mode.ERROR);
        HttpResponse<String> refused = post(server, "/api/cameras/CAM-00004/actions", "{\"action\":\"dock\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("CAM-00004 is in ERROR: reboot it first", JSON.readTree(refused.body()).path("error").asText());
    }

    @Test
    void the_json_endpoints_describe_the_fleet_its_counters_and_one_camera() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet));
        JsonNode f = JSON.readTree(get(server, "/api/fleet", null).body());
        assertEquals(50, f.path("cameras").size());
        assertEquals("CAM-00001", f.path("cameras").get(0).get(0).asText());
        assertEquals(Mode.values().length, f.path("modes").size());
        JsonNode c = JSON.readTree(get(server, "/api/counters", null).body());
        assertEquals(50, c.path("cameras").asInt());
        assertEquals("evidence.lost == 0", c.path("assertions").get(0).path("expr").asText());
        JsonNode d = JSON.readTree(get(server, "/api/cameras/CAM-00002", null).body());
        assertEquals("CAM-00002", d.path("deviceId").asText());
        assertEquals("boot", d.path("events").get(0).path("type").asText());
        HttpResponse<String> page = get(server, "/", null);
        assertTrue(page.body().contains("<canvas id=\"map\""), page.body());
        assertEquals(404, get(server, "/api/replay", null).statusCode(), "a live fleet has no replay");
    }

    @Test
    void bound_off_loopback_a_request_without_the_token_gets_401() throws Exception {
        LiveServer server = start(LiveServer.builder(fleet).bind(InetAddress.getByName("0.0.0.0")).token(TOKEN));
        HttpResponse<String> without = get(server, "/api/fleet", null);
        assertEquals(401, without.statusCode(), without.body());
        assertTrue(without.body().contains("needs its token"), without.body());
        assertEquals(401, get(server, "/api/fleet", "wrong-token-0123456789").statusCode());
        assertEquals(200, get(server, "/api/fleet", TOKEN).statusCode());
        try (SseClient sse = new SseClient(server.uri(), "/api/events", false, null)) {
            assertNull(sse.next("batch", 2), "no stream without the token");
            assertTrue(sse.status().contains("401"), sse.status());
        }
    }

    @Test
    void bound_off_loopback_without_a_token_it_refuses_to_start() throws Exception {
        LiveServer.Builder b = LiveServer.builder(fleet).bind(InetAddress.getByName("0.0.0.0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::start);
        assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
    }

    @Test
    void in_a_replay_an_action_gets_409_with_the_reason_and_the_scrubber_steers_the_time(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        RecordReplay replay = RecordReplay.open(SyntheticRecord.write(dir));
        LiveServer server = start(LiveServer.builder(replay));
        HttpResponse<String> refused = post(server, "/api/cameras/A/actions", "{\"action\":\"powerCut\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(JSON.readTree(refused.body()).path("error").asText().contains("cannot be acted on"), refused.body());
        HttpResponse<String> seek = post(server, "/api/replay", "{\"seek\":" + (SyntheticRecord.S + 105_000) + "}");
        assertEquals(200, seek.statusCode(), seek.body());
        assertEquals(SyntheticRecord.S + 105_000, JSON.readTree(seek.body()).path("at").asLong());
        assertEquals("DOCKED", JSON.readTree(get(server, "/api/cameras/A", null).body()).path("state").path("mode").asText());
        HttpResponse<String> badSpeed = post(server, "/api/replay", "{\"play\":0}");
        assertEquals(400, badSpeed.statusCode(), badSpeed.body());
        JsonNode history = JSON.readTree(get(server, "/api/counters/history", null).body());
        assertEquals(SyntheticRecord.S, history.get(0).path("t").asLong(), "a replay's history starts at the run's start");
        assertEquals(SyntheticRecord.S + 180_000, history.get(history.size() - 1).path("t").asLong(), "and ends at its end");
    }

    @Test
    void the_fault_control_api_answers_under_its_mount_prefix() throws Exception {
        FaultProxies proxies = new FaultProxies(1, 1);
        closing.add(proxies);
        proxies.create("mqtt-day", URI.create("tcp://127.0.0.1:1883"));
        LiveServer server = start(LiveServer.builder(fleet).mount("/faults", () -> new ControlHandler(proxies, null)));
        HttpResponse<String> list = get(server, "/faults/proxies", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(JSON.readTree(list.body()).has("mqtt-day"), list.body());
        HttpResponse<String> disable = post(server, "/faults/proxies/mqtt-day", "{\"enabled\":false}");
        assertEquals(200, disable.statusCode(), disable.body());
        assertEquals(false, proxies.get("mqtt-day").orElseThrow().enabled());
        assertEquals(200, get(server, "/api/fleet", null).statusCode(), "the dashboard still answers beside the mount");
    }
}
