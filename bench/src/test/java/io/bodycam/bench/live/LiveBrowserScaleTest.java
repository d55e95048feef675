package io.bodycam.bench.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page's own cost with 12,000 moving cameras: the browser's main-thread busy time (Chromium's
 * Performance metrics, {@code TaskDuration}) per wall second while the stream runs, and its heap.
 * A measurement, not a check of behaviour: run it with {@code -Dbodycam.live.measure=true}; it writes
 * {@code target/live-browser-scale.txt} and a screenshot.
 */
@EnabledIfSystemProperty(named = "bodycam.live.measure", matches = "true")
class LiveBrowserScaleTest {

    private static final long MEASURE_SECONDS = 20;

    @TempDir
    Path work;

    @Test
    void measure_the_browser_with_twelve_thousand_moving_cameras() throws Exception {
        Path chromium = DevToolsBrowser.binary().orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium");
        FakeFleet fleet = new FakeFleet(LiveScaleTest.CAMERAS, 3);
        ScheduledExecutorService mover = Executors.newSingleThreadScheduledExecutor();
        try (LiveServer server = LiveServer.builder(fleet).start();
             DevToolsBrowser browser = DevToolsBrowser.start(chromium, work, 1400, 900)) {
            long opened = System.nanoTime();
            browser.navigate(server.uri());
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.eval("!!(window.bodycamLive && bodycamLive.ready)").asBoolean());
            double firstMs = (System.nanoTime() - opened) / 1e6;
            mover.scheduleAtFixedRate(() -> fleet.step(0.05), 0, 500, TimeUnit.MILLISECONDS);
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            Map<String, Double> before = browser.metrics();
            int batchesBefore = browser.eval("bodycamLive.batches").asInt();
            long from = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(MEASURE_SECONDS)).atMost(Duration.ofSeconds(MEASURE_SECONDS + 5)).until(() -> true);
            Map<String, Double> after = browser.metrics();
            double wall = (System.nanoTime() - from) / 1e9;
            int batches = browser.eval("bodycamLive.batches").asInt() - batchesBefore;
            mover.shutdown();
            assertEquals("[]", browser.eval("JSON.stringify(bodycamLive.errors)").asText());
            String figures = String.format(Locale.ROOT, "browser, %d moving cameras, %d s: first batch drawn %.0f ms after navigation;"
                            + " %d batches; main thread busy %.1f %% (TaskDuration), script %.1f %%, layout %.1f %%;"
                            + " JS heap %.1f MB; street segments %d%n",
                    LiveScaleTest.CAMERAS, MEASURE_SECONDS, firstMs, batches,
                    100 * delta(before, after, "TaskDuration") / wall, 100 * delta(before, after, "ScriptDuration") / wall,
                    100 * delta(before, after, "LayoutDuration") / wall, after.getOrDefault("JSHeapUsedSize", 0.0) / 1e6,
                    browser.eval("bodycamLive.trailSegments()").asInt());
            System.out.print(figures);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "live-browser-scale.txt"), figures);
            browser.screenshot(LiveBrowserTest.SCREENSHOTS.resolve("live-12000.png"));
        } finally {
            mover.shutdownNow();
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }
}
