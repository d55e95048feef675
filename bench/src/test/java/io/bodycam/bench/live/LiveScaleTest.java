package io.bodycam.bench.live;

import io.bodycam.bench.live.internal.StaticFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream at fleet scale: 12,000 cameras all moving, 10 % of them changing mode each second. Measures
 * the bytes a subscriber receives per second (plain and gzip), the time a batch takes to build and the
 * page's weight; writes them to {@code target/live-scale.txt}.
 */
class LiveScaleTest {

    static final int CAMERAS = 12_000;
    private static final long MEASURE_SECONDS = 10;

    @Test
    void twelve_thousand_moving_cameras_stream_in_bounded_batches_that_keep_the_page_exact() throws Exception {
        FakeFleet fleet = new FakeFleet(CAMERAS, 3);
        ScheduledExecutorService mover = Executors.newSingleThreadScheduledExecutor();
        try (LiveServer server = LiveServer.builder(fleet).start();
             SseClient plain = new SseClient(server.uri(), "/api/events", false, null);
             SseClient gzip = new SseClient(server.uri(), "/api/events", true, null)) {
            SseMirror mirror = new SseMirror(CAMERAS);
            SseClient.Event full = plain.next("batch", 20);
            assertNotNull(full, "a full frame");
            mirror.apply(full.data());
            assertNotNull(gzip.next("batch", 20), "the gzip subscriber's full frame");
            mover.scheduleAtFixedRate(() -> fleet.step(0.05), 0, 500, TimeUnit.MILLISECONDS);
            mirror.apply(plain.next("batch", 5).data());
            gzip.next("batch", 5);
            long plainFrom = plain.wireBytes();
            long gzipFrom = gzip.wireBytes();
            LiveServer.Stats before = server.stats();
            long from = System.nanoTime();
            long until = from + TimeUnit.SECONDS.toNanos(MEASURE_SECONDS);
            int batches = 0;
            while (System.nanoTime() < until) {
                SseClient.Event e = plain.next("batch", 5);
                assertNotNull(e, "batches keep coming");
                mirror.apply(e.data());
                batches++;
            }
            double seconds = (System.nanoTime() - from) / 1e9;
            double plainRate = (plain.wireBytes() - plainFrom) / seconds;
            double gzipRate = (gzip.wireBytes() - gzipFrom) / seconds;
            LiveServer.Stats after = server.stats();

            mover.shutdown();
            assertTrue(mover.awaitTermination(5, TimeUnit.SECONDS));
            SseClient.Event last;
            do {
                last = plain.next("batch", 2);
                if (last != null) {
                    mirror.apply(last.data());
                }
            } while (last != null);
            assertNull(mirror.differenceFrom(fleet.states()), "after the last batch the subscriber sees every camera as it is");

            double perSecond = batches / seconds;
            assertTrue(perSecond <= 2.2, "at most two batches a second, were " + perSecond);
            assertTrue(after.maxBuildMillis() < 250, "a batch of 12,000 cameras builds in well under the interval: " + after);
            assertTrue(plainRate < 1_000_000, "under 1 MB/s per subscriber, was " + plainRate);
            Map<String, Integer> weight = server.pageWeight();
            String figures = String.format(Locale.ROOT, "cameras %d, all moving, 10 %%/s changing mode, %d s%n"
                            + "batches/s %.2f; SSE plain %.0f B/s (%.0f kB/s), gzip %.0f B/s (%.0f kB/s)%n"
                            + "batch build (read fleet + encode + counters) mean %.2f ms, max %.2f ms over %d ticks%n"
                            + "page weight: %s; own files %d B (gzip %d B), ECharts %d B (gzip %d B)%n",
                    CAMERAS, MEASURE_SECONDS, perSecond, plainRate, plainRate / 1000, gzipRate, gzipRate / 1000,
                    after.meanBuildMillis(), after.maxBuildMillis(), after.ticks() - before.ticks(), weight,
                    ownBytes(weight), ownGzip(), weight.get("/echarts.min.js"), gzipped("/echarts.min.js"));
            System.out.print(figures);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "live-scale.txt"), figures);
        } finally {
            mover.shutdownNow();
        }
    }

    private static int ownBytes(Map<String, Integer> weight) {
        return weight.entrySet().stream().filter(e -> !e.getKey().equals("/echarts.min.js")).mapToInt(Map.Entry::getValue).sum();
    }

    private static int ownGzip() throws IOException {
        int sum = 0;
        for (String p : new String[] {"/", "/live.css", "/live.js", "/map.js", "/panels.js", "/camera.js"}) {
            sum += gzipped(p);
        }
        return sum;
    }

    private static int gzipped(String path) throws IOException {
        StaticFiles files = new StaticFiles();
        byte[] bytes = files.get(path).orElseThrow().bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.size();
    }
}
