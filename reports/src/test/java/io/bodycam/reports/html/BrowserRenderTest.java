package io.bodycam.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.Fixtures;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: Debian's headless Chromium opens the file with the network cut off,
 * and the page's own check (every chart's canvas painted, no script error) must pass. Both pages render
 * at once, each in its own Chromium. Screenshots go to {@code target/report-screenshots/}. Skipped where
 * no Chromium is installed ({@code .ci/run} installs it).
 */
class BrowserRenderTest {

    @TempDir
    static Path dir;

    private static HeadlessChromium.Pending failedRun;
    private static HeadlessChromium.Pending comparison;

    @BeforeAll
    static void render_both_pages() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null,
                "no chromium binary (apt-get install chromium, or set BODYCAM_CHROMIUM): the browser check of report.html is skipped");
        Path run = Fixtures.copy("failed", dir.resolve("run"));
        // one camera with a single GPS report (a short run): its track is a dot, not a broken chart
        java.util.List<String> gps = Files.readAllLines(run.resolve(RunRecord.GPS));
        java.util.List<String> kept = new java.util.ArrayList<>(gps.stream().filter(l -> !l.contains("\"DAY-1\"")).toList());
        kept.add(gps.stream().filter(l -> l.contains("\"DAY-1\"")).findFirst().orElseThrow());
        Files.write(run.resolve(RunRecord.GPS), kept);
        Path single = HtmlReport.write(RunRecord.open(run));
        RunRecord a = RunRecord.open(new SyntheticRun(60, 120, 11, 0).write(dir.resolve("a")));
        RunRecord b = RunRecord.open(new SyntheticRun(60, 120, 12, 5).write(dir.resolve("b")));
        Path compare = dir.resolve("compare.html");
        ComparisonReport.write(a, b, compare);
        failedRun = chromium.start(single, shot("failed-run"), dir.resolve("chromium-1"));
        comparison = chromium.start(compare, shot("compare"), dir.resolve("chromium-2"));
    }

    private static Path shot(String name) {
        return Path.of("target", "report-screenshots", name + ".png");
    }

    private static JsonNode verdict(HeadlessChromium.Pending page, String name) throws Exception {
        JsonNode verdict = new ObjectMapper().readTree(page.await().verdictJson());
        assertTrue(Files.size(shot(name)) > 20_000, "screenshot " + shot(name) + " is " + Files.size(shot(name)) + " bytes");
        return verdict;
    }

    @Test
    void every_chart_of_a_failed_run_report_renders_offline_without_script_errors() throws Exception {
        JsonNode verdict = verdict(failedRun, "failed-run");

        assertEquals("[]", verdict.path("errors").toString(), "script errors: " + verdict);
        assertEquals("[]", verdict.path("blank").toString(), "charts left blank: " + verdict);
        assertTrue(verdict.path("charts").asInt() >= 15, verdict.toString());
        assertEquals(verdict.path("charts").asInt(), verdict.path("rendered").asInt(), verdict.toString());
    }

    @Test
    void a_comparison_renders_every_chart_of_both_runs() throws Exception {
        JsonNode verdict = verdict(comparison, "compare");

        assertEquals("[]", verdict.path("errors").toString(), "script errors: " + verdict);
        assertEquals("[]", verdict.path("blank").toString(), "charts left blank: " + verdict);
        assertTrue(verdict.path("charts").asInt() >= 16, "two maps side by side: " + verdict);
        assertEquals(true, verdict.path("ok").asBoolean(), verdict.toString());
    }
}
