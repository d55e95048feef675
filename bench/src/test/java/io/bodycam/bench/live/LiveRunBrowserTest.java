package io.bodycam.bench.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.run.Endpoint;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.Timing;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.time.PausableClock;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a real run ({@code bodycam run --ui-port}) in headless Chromium: ten cameras against
 * the embedded backend on a clock the test holds. The map shows as many red and green cameras as the
 * scenario puts in each mode, and a Record button clicked on a buffering camera reaches that camera,
 * which starts recording (its event is in the run's record).
 */
class LiveRunBrowserTest {

    private static final String SCENARIO = """
            name: live-run
            seed: 5
            duration: 2h
            payloadScale: 0.0005
            fleet:
              - name: patrol
                count: 10
                idPattern: "LIVE-{index:00}"
                agency: ipd
                camera: {gpsIntervalIdle: 10s, gpsIntervalRecording: 5s, gpsLossesPerHour: 0}
            behaviour:
              incidentsPerHour: 0
            timeline:
              - at: 0s
                powerOn: {over: 10s}
              - at: 2m
                surge: {count: 3, over: 5s, length: 30m}
              - at: 40m
                dock: {over: 10s}
            assertions:
              - evidence.lost == 0
            """;

    @Test
    void the_map_of_a_running_scenario_shows_each_colour_and_a_clicked_action_reaches_the_camera(@TempDir Path dir)
            throws Exception {
        Path chromium = DevToolsBrowser.binary().orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (apt-get install chromium) or BODYCAM_CHROMIUM");
        int port = freePort();
        StringWriter console = new StringWriter();
        CompletableFuture<ScenarioRunner.Result> run;
        try (PausableClock clock = PausableClock.paused(Instant.parse("2027-03-01T08:00:00Z").toEpochMilli())) {
            HeldTicker ticker = new HeldTicker(clock, Duration.ofSeconds(1));
            Timing timing = new Timing((start, speed, lag) -> clock, ticker);
            run = CompletableFuture.supplyAsync(() -> ScenarioRunner.run(ScenarioLoader.parse("live-run.yaml", SCENARIO),
                    new ScenarioRunner.Options(dir.resolve("run"), dir, SCENARIO, new PrintWriter(console, true), false, 1, null,
                            Shard.WHOLE, Endpoint.loopback(port), null), timing));
            try (DevToolsBrowser browser = DevToolsBrowser.start(chromium, dir, 1400, 900)) {
                ticker.letGo(Duration.ofMinutes(5));
                URI page = URI.create("http://127.0.0.1:" + port + "/");
                await().atMost(Duration.ofSeconds(60)).until(() -> console.toString().contains("live dashboard at " + page));
                browser.navigate(page);
                await().atMost(Duration.ofSeconds(30)).until(() -> browser.eval("!!(window.bodycamLive && bodycamLive.ready)").asBoolean());
                await().atMost(Duration.ofSeconds(60)).until(() -> colours(browser).equals("RECORDING=3 READY=7"));
                browser.eval("bodycamLive.fit()");
                JsonNode drawn = browser.eval("bodycamLive.mapStats()").path("drawn");
                assertEquals(3, drawn.path("RECORDING").asInt(), "red on the map: " + drawn);
                assertEquals(7, drawn.path("READY").asInt(), "green on the map: " + drawn);
                browser.screenshot(Path.of("target", "live-screenshots", "live-run.png"));

                String id = clickable(browser, buffering(page));
                // a batch arriving between the choice and the click may cluster the camera again: focus it until drawn alone
                JsonNode at = await().atMost(Duration.ofSeconds(10)).until(() -> {
                    browser.eval("bodycamLive.focus('" + id + "')");
                    return browser.eval("bodycamLive.screenPosition('" + id + "')");
                }, p -> p != null && p.has("x"));
                browser.click(at.get("x").asDouble(), at.get("y").asDouble());
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                        "document.getElementById('camera-id').textContent").asText().equals(id));
                String record = "#camera-actions button[data-action='record:button']";
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval("!!document.querySelector(\"" + record + "\")").asBoolean());
                browser.clickElement(record);
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                        "document.getElementById('camera-result').textContent").asText().startsWith("recording asked"));
                ticker.letGo(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(30)).until(() -> colours(browser).equals("RECORDING=4 READY=6"));
                browser.screenshot(Path.of("target", "live-screenshots", "live-run-camera.png"));
            } finally {
                ticker.release();
            }
            ScenarioRunner.Result result = run.join();
            assertEquals(ScenarioRunner.PASSED, result.exitCode(), result.message() + "\n" + console);
        }
        String events = Files.readString(dir.resolve("run/events.jsonl"));
        assertTrue(events.lines().anyMatch(l -> l.contains("\"type\":\"recording.started\"") && l.contains("\"trigger\":\"button\"")),
                "the camera recorded from the button pressed on the page");
    }

    /** The legend's non-zero colours, e.g. {@code RECORDING=3 READY=7}. */
    private static String colours(DevToolsBrowser browser) throws Exception {
        JsonNode counts = browser.eval("bodycamLive.legendCounts()");
        StringBuilder sb = new StringBuilder();
        for (MarkerColour c : MarkerColour.values()) {
            int n = counts.path(c.name()).asInt();
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(c.name()).append('=').append(n);
            }
        }
        return sb.toString();
    }

    /** The cameras the dashboard's API says are buffering (green). */
    private static List<String> buffering(URI page) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = String.format("LIVE-%02d", i);
            String body = http.send(HttpRequest.newBuilder(page.resolve("api/cameras/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (new ObjectMapper().readTree(body).path("state").path("colour").asText().equals("READY")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** One of {@code ids} that, focused on the map, lies apart from every other camera, so a click picks it. */
    private static String clickable(DevToolsBrowser browser, List<String> ids) throws Exception {
        for (String id : ids) {
            assertTrue(browser.eval("bodycamLive.focus('" + id + "')").asBoolean(), id + " has a position");
            JsonNode apart = browser.eval("(function(){var me=bodycamLive.screenPosition('" + id + "');if(!me)return false;"
                    + "for(var i=1;i<=10;i++){var o='LIVE-'+(i<10?'0':'')+i;if(o==='" + id + "')continue;"
                    + "var p=bodycamLive.screenPosition(o);if(p&&Math.hypot(p.x-me.x,p.y-me.y)<30)return false;}return true;})()");
            if (apart.asBoolean()) {
                return id;
            }
        }
        throw new AssertionError("every buffering camera sits on top of another one: " + ids);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
