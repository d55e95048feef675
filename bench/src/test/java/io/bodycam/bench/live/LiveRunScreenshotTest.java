package io.bodycam.bench.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.run.Endpoint;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.Timing;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.time.PausableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes the docs' picture of a live run: scenarios/quickstart.yaml against the embedded backend on a
 * held clock, stopped two minutes into the dock wave, in headless Chromium. Run on demand:
 * {@code -Dbodycam.live.screenshot=../docs/img/live-run.png}.
 */
@EnabledIfSystemProperty(named = "bodycam.live.screenshot", matches = ".+")
class LiveRunScreenshotTest {

    @Test
    void quickstart_during_its_dock_wave(@TempDir Path dir) throws Exception {
        Path chromium = DevToolsBrowser.binary().orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium");
        Path file = Path.of("..", "scenarios", "quickstart.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringWriter console = new StringWriter();
        try (PausableClock clock = PausableClock.paused(scenario.start() != null ? scenario.start().toEpochMilli()
                : System.currentTimeMillis())) {
            HeldTicker ticker = new HeldTicker(clock, Duration.ofSeconds(5));
            long start = clock.now();
            int p = port;
            CompletableFuture<ScenarioRunner.Result> run = CompletableFuture.supplyAsync(() -> ScenarioRunner.run(scenario,
                    new ScenarioRunner.Options(dir.resolve("run"), dir, "", new PrintWriter(console, true), false, 0, null,
                            Shard.WHOLE, Endpoint.loopback(p), null), new Timing((t0, speed, lag) -> clock, ticker)));
            try (DevToolsBrowser browser = DevToolsBrowser.start(chromium, dir, 1400, 900)) {
                ticker.letGo(Duration.ofMinutes(122).plusSeconds(30));
                await().atMost(Duration.ofMinutes(20)).until(() -> ticker.now() - start >= Duration.ofMinutes(122).toMillis());
                browser.navigate(URI.create("http://127.0.0.1:" + port + "/"));
                await().atMost(Duration.ofSeconds(60)).until(() -> browser.eval("!!(window.bodycamLive && bodycamLive.ready)").asBoolean());
                await().atMost(Duration.ofSeconds(30)).until(() -> browser.eval("bodycamLive.legendCounts().UPLOADING").asInt() > 0);
                browser.eval("bodycamLive.fit()");
                Path png = Path.of(System.getProperty("bodycam.live.screenshot"));
                Files.createDirectories(png.toAbsolutePath().getParent());
                browser.screenshot(png);
            } finally {
                ticker.release();
            }
            // on a held clock the wall-time assertions (timer lag, connect time) mean nothing: the run only has to finish
            int exit = run.join().exitCode();
            assertTrue(exit == ScenarioRunner.PASSED || exit == ScenarioRunner.ASSERTION_FAILED, console.toString());
        }
    }
}
