package io.bodycam.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    @Test
    void a_candidate_that_lost_evidence_and_got_slower_is_flagged_metric_by_metric(@TempDir Path dir) throws IOException {
        RunRecord a = RunRecord.open(new SyntheticRun(30, 60, 1, 0).write(dir.resolve("a")));
        RunRecord b = RunRecord.open(new SyntheticRun(30, 60, 1, 3).write(dir.resolve("b")));
        Path file = dir.resolve("compare.html");

        ComparisonReport.Result r = ComparisonReport.write(a, b, file);

        assertTrue(r.text().contains("REGRESSION  evidence.lost"), r.text());
        assertTrue(r.text().contains("REGRESSION  mqtt.state.latency.p99"), r.text());
        assertTrue(r.text().contains("REGRESSION  assertion evidence.lost == 0 passed in A, fails in B"), r.text());
        JsonNode data = HtmlReportTest.data(Files.readString(file));
        assertEquals(2, data.path("runs").size(), "both runs are on the page");
        assertEquals(r.regressions(), data.path("regressions").asInt());
        JsonNode lost = null;
        for (JsonNode d : data.path("deltas")) {
            if (d.path("name").asText().equals("evidence.lost")) {
                lost = d;
            }
        }
        assertEquals("regression", lost.path("flag").asText(), String.valueOf(lost));
        assertEquals(0, lost.path("a").asInt());
        assertEquals(3, lost.path("b").asInt());
    }

    @Test
    void a_run_compared_with_itself_has_no_regression(@TempDir Path dir) throws IOException {
        RunRecord a = RunRecord.open(new SyntheticRun(10, 30, 5, 0).write(dir.resolve("a")));
        ComparisonReport.Result r = ComparisonReport.write(a, a, dir.resolve("same.html"));
        assertEquals(0, r.regressions(), r.text());
    }

    @Test
    void the_tolerances_ignore_noise_but_not_lost_evidence() {
        KeyMetric p99 = KeyMetric.ALL.stream().filter(m -> m.name().equals("mqtt.state.latency.p99")).findFirst().orElseThrow();
        KeyMetric lost = KeyMetric.ALL.stream().filter(m -> m.name().equals("evidence.lost")).findFirst().orElseThrow();
        KeyMetric throughput = KeyMetric.ALL.stream().filter(m -> m.name().equals("uploads.throughput")).findFirst().orElseThrow();
        assertEquals(false, p99.regressed(10, 10.5), "5 % and half a millisecond is noise");
        assertEquals(true, p99.regressed(10, 15));
        assertEquals(true, lost.regressed(0, 1));
        assertEquals(false, lost.regressed(1, 0));
        assertEquals(true, throughput.regressed(100e6, 80e6));
        assertEquals(false, throughput.regressed(100e6, 120e6));
    }
}
