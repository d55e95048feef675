package io.bodycam.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Summary run() {
        SummaryMetrics metrics = SummaryMetrics.builder()
                .put("devices.configured", 20, false)
                .put("devices.allConnectedAfter", 812, true)
                .put("mqtt.state.latency.p99", 14.123456, true)
                .put("mqtt.state.latency.p50", Double.NaN, true)
                .put("uploads.throughput", 1234.5678, false)
                .build();
        return Summary.ofRun("smoke", 7, metrics, List.of(
                new AssertionOutcome("evidence.lost == 0", true, 0.0, "", ""),
                new AssertionOutcome("mqtt.seqGaps == 0", "patrol", false, 2.0, "", "mqtt.seqGaps == 0 failed: actual 2.0"),
                new AssertionOutcome("mqtt.gpsLost == 0", false, null, "", "mqtt.gpsLost was not measured in this run")),
                "duration reached", new Summary.Shard(1, 2));
    }

    @Test
    void a_note_is_written_beside_the_metrics_of_its_path_and_reads_back(@TempDir Path dir) throws IOException {
        Summary written = run().withNotes(java.util.Map.of("devices.method", "counted by the bench"));
        Path file = dir.resolve(RunRecord.SUMMARY);
        written.write(file);

        JsonNode devices = JSON.readTree(file.toFile()).path("devices");
        Summary read = Summary.read(file);

        assertEquals("counted by the bench", devices.path("method").asText(), devices.toString());
        assertEquals(20, devices.path("configured").asInt(), devices.toString());
        assertEquals(Optional.of("counted by the bench"), read.note("devices.method"));
        assertEquals(written.metrics().values().keySet(), read.metrics().values().keySet(), "a note is no metric");
    }

    @Test
    void a_summary_reads_back_as_it_was_written(@TempDir Path dir) throws IOException {
        Summary written = run();
        Path file = dir.resolve(RunRecord.SUMMARY);
        written.write(file);

        Summary read = Summary.read(file);

        assertEquals(written.scenario(), read.scenario());
        assertEquals(7, read.seed());
        assertFalse(read.passed(), "an assertion failed");
        assertEquals(written.assertions(), read.assertions());
        assertEquals("duration reached", read.endReason());
        assertEquals(Optional.of(new Summary.Shard(1, 2)), read.shard());
        assertEquals(Optional.empty(), read.mergedFrom());
        assertEquals(List.of("devices.configured", "devices.allConnectedAfter", "mqtt.state.latency.p99",
                "mqtt.state.latency.p50", "uploads.throughput"), new ArrayList<>(read.metrics().values().keySet()));
        assertEquals(Optional.of(14.123), read.metrics().get("mqtt.state.latency.p99"), "three decimals kept");
        assertEquals(Optional.empty(), read.metrics().get("mqtt.state.latency.p50"), "not measured");
        assertTrue(read.metrics().decimal("devices.allConnectedAfter"), "a duration stays decimal");
        assertFalse(read.metrics().decimal("devices.configured"));
    }

    @Test
    void metrics_nest_by_their_dotted_names_counts_stay_whole_and_durations_keep_their_decimals(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunRecord.SUMMARY);
        run().write(file);
        JsonNode root = JSON.readTree(file.toFile());

        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("scenario", "seed", "passed", "devices", "mqtt", "uploads", "assertions", "endReason", "shard"), keys);
        assertTrue(root.path("devices").path("configured").isIntegralNumber(), root.toString());
        assertEquals("812.0", root.path("devices").path("allConnectedAfter").toString());
        assertTrue(root.path("mqtt").path("state").path("latency").path("p50").isNull(), root.toString());
        assertEquals(1234.568, root.path("uploads").path("throughput").asDouble());
        JsonNode phase = root.path("assertions").get(1);
        assertEquals("patrol", phase.path("during").asText());
        assertTrue(root.path("assertions").get(2).path("actual").isNull(), "not measured: null");
        assertFalse(root.path("assertions").get(0).has("message"), "no message when it held");
        assertEquals(1, root.path("shard").path("index").asInt());
        assertEquals(2, root.path("shard").path("count").asInt());
    }

    @Test
    void a_merged_summary_names_its_shards_instead_of_a_shard(@TempDir Path dir) throws IOException {
        Summary merged = Summary.ofMerge("smoke", 7, SummaryMetrics.builder().put("devices.configured", 20, false).build(),
                List.of(), "duration reached", new Summary.MergedFrom(List.of(
                        new Summary.MergedShard("0/2", "runs/a", 10, true, "duration reached"),
                        new Summary.MergedShard("1/2", "runs/b", 10, false, "duration reached"))));
        Path file = dir.resolve(RunRecord.SUMMARY);
        merged.write(file);

        Summary read = Summary.read(file);

        assertTrue(read.passed(), "no assertion failed");
        assertEquals(merged.mergedFrom(), read.mergedFrom());
        assertEquals(Optional.empty(), read.shard());
        assertEquals(2, JSON.readTree(file.toFile()).path("mergedFrom").path("count").asInt());
    }

    @Test
    void a_json_file_that_is_not_a_run_summary_is_refused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunRecord.SUMMARY);
        Files.writeString(file, "{\"seed\":1}");
        assertEquals(file + " lacks 'scenario' or 'passed': not a bodycam run summary",
                assertThrows(RecordException.class, () -> Summary.read(file)).getMessage());
    }

    @Test
    void metric_values_print_with_up_to_three_significant_decimals() {
        assertEquals("200", SummaryMetrics.format(200.0));
        assertEquals("2.5", SummaryMetrics.format(2.50));
        assertEquals("0.217", SummaryMetrics.format(0.2171));
        assertEquals("97.86", SummaryMetrics.format(97.8612));
    }
}
