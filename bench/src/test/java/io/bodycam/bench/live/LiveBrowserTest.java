package io.bodycam.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The dashboard in headless Chromium against the fake fleet: what it draws, and a click that reaches a camera. */
class LiveBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "live-screenshots");

    @TempDir
    Path work;

    private final FakeFleet fleet = new FakeFleet(600, 11);
    private LiveServer server;
    private DevToolsBrowser browser;

    @BeforeEach
    void open() throws Exception {
        Path chromium = DevToolsBrowser.binary().orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (apt-get install chromium) or BODYCAM_CHROMIUM");
        server = LiveServer.builder(fleet).start();
        browser = DevToolsBrowser.start(chromium, work, 1400, 900);
        browser.navigate(server.uri());
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.eval("!!(window.bodycamLive && bodycamLive.ready)").asBoolean());
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Map<MarkerColour, Integer> expected(FakeFleet fleet) {
        Map<MarkerColour, Integer> m = new EnumMap<>(MarkerColour.class);
        for (MarkerColour c : MarkerColour.values()) {
            m.put(c, 0);
        }
        fleet.states().forEach(s -> m.merge(s.colour(), 1, Integer::sum));
        return m;
    }

    private static Map<MarkerColour, Integer> read(JsonNode counts) {
        Map<MarkerColour, Integer> m = new EnumMap<>(MarkerColour.class);
        for (MarkerColour c : MarkerColour.values()) {
            m.put(c, counts.path(c.name()).asInt(-1));
        }
        return m;
    }

    @Test
    void the_map_draws_every_camera_in_its_colour_from_the_page_alone() throws Exception {
        Map<MarkerColour, Integer> expected = expected(fleet);
        assertEquals(expected, read(browser.eval("bodycamLive.legendCounts()")), "the legend's counts per colour");
        browser.eval("bodycamLive.fit()");
        JsonNode stats = browser.eval("bodycamLive.mapStats()");
        assertEquals(expected, read(stats.path("drawn")), "cameras drawn per colour (markers and clusters): " + stats);
        assertTrue(stats.path("clusters").asInt() > 0, "600 cameras zoomed out are clustered: " + stats);
        assertEquals("[]", browser.eval("JSON.stringify(bodycamLive.errors)").asText(), "no script error");
        JsonNode resources = browser.eval("performance.getEntriesByType('resource').map(function(e){return e.name;})");
        for (JsonNode r : resources) {
            assertTrue(r.asText().startsWith(server.uri().toString()), "every file from the dashboard itself, not " + r.asText());
        }
        assertTrue(browser.eval("document.querySelectorAll('#chart-rates canvas').length").asInt() > 0, "the rates chart is drawn");
        browser.screenshot(SCREENSHOTS.resolve("live-fleet.png"));
    }

    @Test
    void clicking_a_camera_and_an_action_button_reaches_the_camera() throws Exception {
        String id = "CAM-00005";
        fleet.set(id, Mode.RECORDING);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval("bodycamLive.legendCounts().RECORDING").asInt()
                == expected(fleet).get(MarkerColour.RECORDING));
        assertTrue(browser.eval("bodycamLive.focus('" + id + "')").asBoolean(), "the camera has a position");
        JsonNode at = browser.eval("bodycamLive.screenPosition('" + id + "')");
        assertTrue(at.has("x"), "drawn on its own when focused: " + at);
        browser.click(at.get("x").asDouble(), at.get("y").asDouble());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                "!document.getElementById('camera').hidden && document.getElementById('camera-id').textContent").asText().equals(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                "(document.querySelector('[data-field=mode]')||{}).textContent").asText().equals("recording"));
        browser.clickElement("#camera-actions button[data-action=powerCut]");
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.received().contains(
                new FakeFleet.Received(id, new CameraAction.PowerCut())));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                "document.getElementById('camera-result').textContent").asText().equals("powerCut done"));
        browser.screenshot(SCREENSHOTS.resolve("live-camera.png"));
    }
}
