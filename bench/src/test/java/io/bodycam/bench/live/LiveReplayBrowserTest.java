package io.bodycam.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same page replaying a finished run: the scrubber moves the fleet, a camera shows why it cannot be acted on. */
class LiveReplayBrowserTest {

    @TempDir
    Path work;

    private LiveServer server;
    private DevToolsBrowser browser;

    private RecordReplay open(Path record, int width, int height) throws Exception {
        Path chromium = DevToolsBrowser.binary().orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (apt-get install chromium) or BODYCAM_CHROMIUM");
        RecordReplay replay = RecordReplay.open(record);
        server = LiveServer.builder(replay).start();
        browser = DevToolsBrowser.start(chromium, work.resolve("browser"), width, height);
        browser.navigate(server.uri());
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.eval("!!(window.bodycamLive && bodycamLive.ready)").asBoolean());
        return replay;
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

    @Test
    void the_scrubber_moves_the_fleet_and_play_runs_it() throws Exception {
        RecordReplay replay = open(SyntheticRecord.write(Files.createDirectories(work.resolve("record"))), 1400, 900);
        assertEquals("replay", browser.eval("document.getElementById('badge').textContent").asText());
        assertEquals(false, browser.eval("document.getElementById('replay-bar').hidden").asBoolean());
        browser.eval("(function(){var s=document.getElementById('scrubber');s.value=" + (SyntheticRecord.S + 105_000)
                + ";s.dispatchEvent(new Event('change'));})()");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval("bodycamLive.legendCounts().UPLOADING").asInt() == 1);
        assertEquals(SyntheticRecord.S + 105_000, replay.position().at());

        assertTrue(browser.eval("bodycamLive.focus('A')").asBoolean());
        JsonNode at = browser.eval("bodycamLive.screenPosition('A')");
        browser.click(at.get("x").asDouble(), at.get("y").asDouble());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.eval(
                "document.getElementById('camera-events').textContent").asText().contains("time.synced"));
        assertTrue(browser.eval("document.getElementById('camera-actions').textContent").asText().contains("cannot be acted on"));
        assertEquals(0, browser.eval("document.querySelectorAll('#camera-actions button').length").asInt(), "no action buttons");

        browser.clickElement("#play");
        await().atMost(Duration.ofSeconds(10)).until(() -> replay.position().at() > SyntheticRecord.S + 105_000);
        assertEquals("[]", browser.eval("JSON.stringify(bodycamLive.errors)").asText());
        browser.screenshot(LiveBrowserTest.SCREENSHOTS.resolve("replay.png"));
    }

    /**
     * A screenshot of a real run for the docs: {@code -Dbodycam.live.record=runs/quickstart-...} (and
     * optionally {@code -Dbodycam.live.at=<minutes into the run>}); saved as
     * {@code target/live-screenshots/replay-record.png}.
     */
    @Test
    @EnabledIfSystemProperty(named = "bodycam.live.record", matches = ".+")
    void screenshot_of_a_recorded_run() throws Exception {
        RecordReplay replay = open(Path.of(System.getProperty("bodycam.live.record")), 1280, 760);
        long minutes = Long.getLong("bodycam.live.at", 0);
        long t = replay.position().start() + minutes * 60_000;
        browser.eval("fetch('api/replay',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({seek:" + t
                + "})}).then(function(){return 1;})");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        String focus = System.getProperty("bodycam.live.camera");
        if (focus != null) {
            browser.eval("bodycamLive.fit()");
            JsonNode p = browser.eval("bodycamLive.screenPosition('" + focus + "')");
            if (p.has("x")) {
                browser.click(p.get("x").asDouble(), p.get("y").asDouble());
            }
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        }
        browser.screenshot(LiveBrowserTest.SCREENSHOTS.resolve("replay-record.png"));
    }
}
