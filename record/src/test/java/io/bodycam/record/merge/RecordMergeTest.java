package io.bodycam.record.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;
import io.bodycam.record.files.LatencyKind;
import io.bodycam.record.files.LatencyLog;
import io.bodycam.record.files.Tick;
import io.bodycam.record.files.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> shards(Path tmp, String scenario, long seed, int fleet, int count, int... indexes) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i : indexes) {
            dirs.add(new ShardRecord(scenario, seed, fleet, i, count).write(tmp.resolve(scenario + "-" + seed + "-shard" + i + "of" + count)));
        }
        return dirs;
    }

    private static RecordMerge.Merged merge(List<Path> dirs, Path out) {
        return RecordMerge.merge(ShardSet.open(dirs), out, name -> Combine.SUM);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void three_shards_become_one_record_with_counts_added_and_unions_of_the_ledgers(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 10, 3, 2, 0, 1);
        Path out = tmp.resolve("merged");

        RecordMerge.Merged m = merge(dirs, out);

        Map<String, Double> metrics = m.metrics();
        assertEquals(10.0, metrics.get("devices.configured"));
        assertEquals(10.0, metrics.get("devices.connectedPeak"), "the sum of the shards' peaks");
        assertEquals(1200.0, metrics.get("devices.allConnectedAfter"), "the slowest shard's");
        assertEquals(600.0, metrics.get("mqtt.received"));
        assertEquals(20.0, metrics.get("evidence.segmentsRecorded"));
        assertEquals(20_000.0, metrics.get("evidence.bytesRecorded"));
        assertEquals(6001.5, metrics.get("uploads.throughput"), "shards side by side: their rates add");
        assertEquals(30_002.5, metrics.get("run.wallTime"));
        assertEquals(1_800_002.0, metrics.get("run.virtualTime"));
        assertEquals(60.0, metrics.get("run.clockSpeed"));
        assertEquals(12.5, metrics.get("mqtt.offlineDetected.p99"), "a percentile without a log: the largest shard's");
        assertTrue(metrics.get("mqtt.offlineDetected.p50").isNaN(), "measured in no shard: not measured");

        Histogram all = new Histogram(3);
        for (int i = 0; i < 3; i++) {
            new ShardRecord("demo", 5, 10, i, 3).stateLatencies().forEach(s -> {
                for (long v : s) {
                    all.recordValue(v);
                }
            });
        }
        assertEquals(all.getValueAtPercentile(99) / 1000.0, metrics.get("mqtt.state.latency.p99"), "from the merged histogram");
        assertEquals(all.getValueAtPercentile(50) / 1000.0, metrics.get("mqtt.state.latency.p50"));
        assertEquals(all.getMaxValue() / 1000.0, metrics.get("mqtt.state.latency.max"));
        assertEquals(all, LatencyLog.read(out, LatencyKind.STATE).total());

        List<String> roster = lines(out.resolve(RunRecord.DEVICES));
        assertEquals(10, roster.size());
        for (int k = 1; k <= 10; k++) {
            assertTrue(roster.get(k - 1).contains("\"index\":" + k + ","), "roster in fleet order: " + roster);
        }
        assertEquals(20, lines(out.resolve(RunRecord.EVIDENCE)).size());
        List<Long> times = new ArrayList<>();
        for (String l : lines(out.resolve(RunRecord.EVENTS))) {
            times.add(JSON.readTree(l).path("t").asLong());
        }
        assertEquals(30, times.size());
        assertEquals(times.stream().sorted().toList(), times, "events in time order");
        List<Long> gps = new ArrayList<>();
        for (String l : lines(out.resolve(RunRecord.GPS))) {
            gps.add(JSON.readTree(l).path("t").asLong());
        }
        assertEquals(30, gps.size());
        assertEquals(gps.stream().sorted().toList(), gps, "GPS reports in time order, although each shard wrote some late");

        String prom = Files.readString(out.resolve("metrics.prom"));
        assertTrue(prom.contains("bodycam_mqtt_received_total 600.0"), prom);
        assertTrue(prom.contains("bodycam_devices_online 10.0"), prom);
        assertTrue(prom.contains("bodycam_mqtt_latency_milliseconds{kind=\"state\",quantile=\"p99\"} " + all.getValueAtPercentile(99) / 1000.0), prom);

        RunRecord merged = m.finish(List.of(new AssertionOutcome("devices.connectedPeak == 10", true, 10.0, "", "")));
        assertTrue(merged.passed());
        JsonNode written = JSON.readTree(merged.dir().resolve(RunRecord.SUMMARY).toFile());
        JsonNode from = written.path("mergedFrom");
        assertEquals(3, from.path("count").asInt());
        assertEquals("0/3", from.path("shards").get(0).path("shard").asText());
        assertEquals(dirs.get(1).toString(), from.path("shards").get(0).path("dir").asText());
        assertEquals("timeline over", written.path("endReason").asText());
        assertTrue(written.path("devices").path("configured").isIntegralNumber(), "counts stay whole numbers");
    }

    @Test
    void a_note_the_shards_agree_on_is_kept_once_and_one_they_differ_on_is_kept_per_shard(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 10, 2, 0, 1);
        note(dirs.get(0), Map.of("evidence.method", "read-back by the bench", "evidence.unexpectedMethod", "listing"));
        note(dirs.get(1), Map.of("evidence.method", "read-back by the bench", "evidence.unexpectedMethod", "not measured"));

        Summary merged = merge(dirs, tmp.resolve("merged")).finish(List.of()).summary();

        assertEquals(java.util.Optional.of("read-back by the bench"), merged.note("evidence.method"));
        assertEquals(java.util.Optional.of("0/2: listing; 1/2: not measured"), merged.note("evidence.unexpectedMethod"));
    }

    private static void note(Path dir, Map<String, String> notes) throws IOException {
        Path file = dir.resolve(RunRecord.SUMMARY);
        Summary.read(file).withNotes(notes).write(file);
    }

    @Test
    void time_series_add_up_per_nominal_second_and_lose_no_count(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 10, 3, 0, 1, 2);
        Path out = tmp.resolve("merged");
        merge(dirs, out);

        List<Tick> merged = TimeSeries.read(out.resolve(RunRecord.TIMESERIES));
        long shardState = 0;
        long shardBytes = 0;
        long lastTotals = 0;
        for (Path d : dirs) {
            List<Tick> ticks = TimeSeries.read(d.resolve(RunRecord.TIMESERIES));
            shardState += ticks.stream().mapToLong(t -> t.mqtt().get("state")).sum();
            shardBytes += ticks.stream().mapToLong(Tick::uploadBytes).sum();
            lastTotals += ticks.get(ticks.size() - 1).total("received");
        }
        assertEquals(3, merged.size(), "one line per 60 virtual seconds (speed 60): " + merged);
        assertEquals(shardState, merged.stream().mapToLong(t -> t.mqtt().get("state")).sum(), "per-interval counts are summed");
        assertEquals(shardBytes, merged.stream().mapToLong(Tick::uploadBytes).sum());
        Tick last = merged.get(2);
        assertEquals(lastTotals, last.total("received"), "totals are the sum of each shard's latest");
        assertEquals(10, last.online(), "levels too");
        assertEquals(2 * 3, last.recording());
        assertEquals(3000, last.wallMs());
        assertEquals(180_000, last.virtualMs());
        assertEquals(1000, last.intervalMs());
    }

    @Test
    void a_merged_record_can_be_merged_again_into_the_same_folder(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 4, 2, 0, 1);
        Path out = tmp.resolve("merged");
        merge(dirs, out).finish(List.of());
        merge(dirs, out).finish(List.of());
        assertEquals(4, lines(out.resolve(RunRecord.DEVICES)).size());
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertEquals("--out " + busy + " exists and holds something other than a merged record: choose a new folder",
                assertThrows(RecordException.class, () -> merge(dirs, busy)).getMessage());
    }

    // the error table: each refusal names what is wrong

    @Test
    void records_of_different_scenarios_are_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0));
        dirs.addAll(shards(tmp, "other", 5, 4, 2, 1));
        String msg = assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage();
        assertEquals("records of different scenarios: " + dirs.get(0) + " has scenario 'demo', " + dirs.get(1)
                + " has 'other'; merge the shards of one run", msg);
    }

    @Test
    void records_of_different_seeds_are_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0));
        dirs.addAll(shards(tmp, "demo", 6, 4, 2, 1));
        assertTrue(assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage()
                .startsWith("records of different seeds: " + dirs.get(0) + " has seed '5', " + dirs.get(1) + " has '6'"));
    }

    @Test
    void records_of_different_shard_counts_are_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0));
        dirs.addAll(shards(tmp, "demo", 5, 4, 3, 1));
        assertEquals(dirs.get(1) + " is shard 1/3 but " + dirs.get(0) + " is shard 0/2: records of different shard counts;"
                + " merge the N shards of one run", assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage());
    }

    @Test
    void a_shard_given_twice_is_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0, 1));
        Path copy = new ShardRecord("demo", 5, 4, 1, 2).write(tmp.resolve("copy-of-1"));
        dirs.add(copy);
        assertEquals("shard 1/2 given twice: " + dirs.get(1) + " and " + copy,
                assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage());
    }

    @Test
    void a_missing_shard_is_named(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 8, 4, 3, 0, 1);
        assertEquals("shards 0/4, 1/4, 3/4 given; 2/4 missing", assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage());
    }

    @Test
    void a_folder_that_is_not_a_run_record_is_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        dirs.add(empty);
        assertEquals(empty + " is not a run record: no summary.json in " + empty + ": not a run folder, or the run did not finish",
                assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage());
        Path nowhere = tmp.resolve("nowhere");
        assertEquals(nowhere + " is not a folder: give the run folders of a run's shards",
                assertThrows(RecordException.class, () -> ShardSet.open(List.of(nowhere))).getMessage());
    }

    @Test
    void a_whole_run_mixed_in_is_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>(shards(tmp, "demo", 5, 4, 2, 0));
        Path whole = new ShardRecord("demo", 5, 4, 1, 2).write(tmp.resolve("whole"));
        JsonNode summary = JSON.readTree(whole.resolve(RunRecord.SUMMARY).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("shard");
        JSON.writeValue(whole.resolve(RunRecord.SUMMARY).toFile(), summary);
        dirs.add(whole);
        assertEquals(whole + " is not a shard but a whole run (no 'shard' in its summary.json): merge takes the records of one run's"
                + " shards, made with bodycam run --shard i/N", assertThrows(RecordException.class, () -> ShardSet.open(dirs)).getMessage());
    }

    @Test
    void a_merged_record_is_not_a_shard(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 4, 2, 0, 1);
        Path out = tmp.resolve("merged");
        merge(dirs, out).finish(List.of());
        assertEquals(out + " is already a merged record (of 2 shards), not a shard: merge the shards' own records",
                assertThrows(RecordException.class, () -> ShardSet.open(List.of(dirs.get(0), out))).getMessage());
    }

    @Test
    void a_segment_in_two_shards_is_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 4, 2, 0, 1);
        String stray = Files.readAllLines(dirs.get(0).resolve(RunRecord.EVIDENCE)).get(0);
        Files.writeString(dirs.get(1).resolve(RunRecord.EVIDENCE), stray + "\n", java.nio.file.StandardOpenOption.APPEND);
        String msg = assertThrows(RecordException.class, () -> merge(dirs, tmp.resolve("m"))).getMessage();
        assertTrue(msg.startsWith("segment CAM-001/CAM-001-R00001-S001 is in the records of shard 0/2 and shard 1/2"), msg);
        assertFalse(Files.exists(tmp.resolve("m")), "no half-written record is left behind");
    }

    @Test
    void a_camera_in_two_shards_is_refused(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 4, 2, 0, 1);
        Files.writeString(dirs.get(1).resolve(RunRecord.EVENTS), "{\"t\":1800000000001,\"deviceId\":\"CAM-001\",\"type\":\"mode\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals("shard 1/2's events.jsonl holds camera CAM-001, which shard 0/2 ran (fleet index 1): every camera runs in exactly"
                + " one shard, so these are not the shards of one run",
                assertThrows(RecordException.class, () -> merge(dirs, tmp.resolve("m"))).getMessage());
    }

    @Test
    void a_shard_whose_roster_is_the_whole_fleet_keeps_its_own_cameras(@TempDir Path tmp) throws IOException {
        List<Path> dirs = shards(tmp, "demo", 5, 6, 2, 0, 1);
        // records written before shards listed only their own cameras held the whole fleet's roster
        StringBuilder whole = new StringBuilder();
        for (Path d : dirs) {
            whole.append(Files.readString(d.resolve(RunRecord.DEVICES)));
        }
        for (Path d : dirs) {
            Files.writeString(d.resolve(RunRecord.DEVICES), whole);
        }
        merge(dirs, tmp.resolve("m"));
        assertEquals(6, lines(tmp.resolve("m").resolve(RunRecord.DEVICES)).size());
        assertFalse(Files.readString(tmp.resolve("m").resolve(RunRecord.DEVICES)).isEmpty());
    }
}
