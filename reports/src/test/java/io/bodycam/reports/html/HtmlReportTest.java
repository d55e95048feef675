package io.bodycam.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.Fixtures;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    /** The run data the page embeds, as the page's script reads it. */
    static JsonNode data(String html) throws IOException {
        String open = "<script id=\"bodycam-data\" type=\"application/json\">";
        int from = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
    }

    @Test
    void a_failed_run_report_is_one_offline_file_with_the_verdict_the_failed_assertion_and_the_evidence(@TempDir Path dir) throws IOException {
        RunRecord record = RunRecord.open(Fixtures.copy("failed", dir));
        Path file = HtmlReport.write(record);

        String html = Files.readString(file);
        assertTrue(html.contains("<title>bodycam run failed FAILED</title>"), html.substring(0, 400));
        assertFalse(html.matches("(?s).*<(script|link)[^>]+(src|href)=\"https?:.*"), "the page must load nothing from the network");
        assertTrue(html.contains("echarts"), "ECharts is inlined");
        JsonNode run = data(html).path("runs").get(0);
        assertEquals(false, run.path("passed").asBoolean());
        JsonNode pending = run.path("assertions").get(1);
        assertEquals("evidence.pending == 0", pending.path("expr").asText());
        assertEquals(4, pending.path("actual").asInt(), pending.toString());
        assertEquals(4, run.path("evidence").path("all").path("pending").asInt());
        assertEquals(4, run.path("evidence").path("problems").size(), "every segment that did not end verified is listed");
        assertTrue(run.path("series").path("t").size() >= 5, "one point per second of the run");
        assertTrue(run.path("latency").path("state").path("count").asLong() > 0, run.path("latency").path("state").toString());
        assertEquals(3, run.path("map").path("tracks").size(), "one GPS track per camera");
        assertTrue(run.path("scenarioText").asText().contains("name: failed"));
    }

    @Test
    void trouble_is_grouped_by_kind_with_its_count_and_first_occurrence_and_a_clean_power_off_is_not_trouble(@TempDir Path dir) throws IOException {
        JsonNode run = data(HtmlReport.render(RunRecord.open(Fixtures.copy("failed", dir)))).path("runs").get(0);
        JsonNode errors = run.path("errors");
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("error: time-sync", errors.get(0).path("kind").asText());
        assertEquals(2, errors.get(0).path("count").asInt());
        assertEquals("DAY-2", errors.get(0).path("firstDevice").asText());
        assertEquals("GET /time failed: connection refused", errors.get(0).path("firstMessage").asText());
        assertEquals("upload.failed", errors.get(1).path("kind").asText());
    }

    @Test
    void the_breakdown_by_group_follows_the_roster(@TempDir Path dir) throws IOException {
        JsonNode groups = data(HtmlReport.render(RunRecord.open(Fixtures.copy("failed", dir)))).path("runs").get(0).path("groups");
        assertEquals("day", groups.get(0).path("name").asText());
        assertEquals(2, groups.get(0).path("cameras").asInt());
        assertEquals("night", groups.get(1).path("name").asText());
        assertEquals(1, groups.get(1).path("cameras").asInt());
        assertEquals(4, groups.get(0).path("pending").asInt() + groups.get(1).path("pending").asInt(), groups.toString());
    }

    @Test
    void an_empty_run_is_refused_with_the_reason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(RunRecord.SUMMARY), "{\"scenario\":\"x\",\"passed\":true,\"devices\":{\"configured\":0}}");
        var e = assertThrows(RecordException.class, () -> HtmlReport.write(RunRecord.open(dir)));
        assertTrue(e.getMessage().endsWith("describes a run with no cameras: nothing to report"), e.getMessage());
    }

    @Test
    void a_record_without_a_time_series_is_refused_with_the_reason(@TempDir Path dir) throws IOException {
        Fixtures.copy("failed", dir);
        Files.delete(dir.resolve(RunRecord.TIMESERIES));
        var e = assertThrows(RecordException.class, () -> HtmlReport.write(RunRecord.open(dir)));
        assertTrue(e.getMessage().contains("timeseries.jsonl is missing or empty: the run recorded no time series"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(RunRecord.REPORT)), "no report is written for a record it refused");
    }

    @Test
    void a_thousand_camera_ten_minute_run_builds_in_under_ten_seconds_into_under_ten_megabytes(@TempDir Path dir) throws IOException {
        long t0 = System.nanoTime();
        RunRecord record = RunRecord.open(new SyntheticRun(1000, 600, 42, 0).write(dir));
        long t1 = System.nanoTime();
        Path file = HtmlReport.write(record);
        long t2 = System.nanoTime();
        long size = Files.size(file);
        System.out.printf(Locale.ROOT, "report figures: 1,000 cameras, 600 s record (%.1f MB on disk, generated in %.1f s): "
                        + "report.html built in %.2f s, %.2f MB%n", folderBytes(dir) / 1e6, (t1 - t0) / 1e9, (t2 - t1) / 1e9, size / 1e6);
        assertTrue(t2 - t1 < 10_000_000_000L, "took " + (t2 - t1) / 1e9 + " s");
        assertTrue(size < 10_000_000, size + " bytes");
        JsonNode run = data(Files.readString(file)).path("runs").get(0);
        assertEquals(600, run.path("series").path("t").size());
        assertEquals(1000, run.path("map").path("tracks").size());
        assertTrue(run.path("evidence").path("problems").size() <= EvidenceDigest.MAX_ROWS);
    }

    private static long folderBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
