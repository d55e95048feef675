package io.bodycam.bench.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.merge.Combine;
import io.bodycam.record.merge.ShardSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedVerdictTest {

    private static Path shard(Path dir, int index, String assertions) throws IOException {
        Path d = Files.createDirectories(dir.resolve("shard-" + index));
        Files.writeString(d.resolve(RunRecord.SUMMARY), """
                {"scenario":"s","seed":1,"passed":false,"devices":{"configured":5},
                 "assertions":[%s],"shard":{"index":%d,"count":2}}
                """.formatted(assertions, index));
        return d;
    }

    @Test
    void whole_run_assertions_are_judged_on_the_merged_metrics_and_phase_ones_on_the_shards_combined(@TempDir Path dir) throws IOException {
        String a = """
                {"expr":"devices.connectedPeak == 10","passed":false,"actual":5.0,"unit":""},
                {"expr":"mqtt.seqGaps == 0","during":"patrol","passed":true,"actual":%s,"unit":""},
                {"expr":"mqtt.state.latency.p99 < 500ms","during":"patrol","passed":true,"actual":%s,"unit":"ms"}""";
        ShardSet set = ShardSet.open(List.of(shard(dir, 0, a.formatted("0.0", "100.0")), shard(dir, 1, a.formatted("2.0", "300.0"))));

        List<AssertionOutcome> r = MergedVerdict.judge(set, Map.of("devices.connectedPeak", 10.0, "mqtt.seqGaps", 0.0));

        assertTrue(r.get(0).passed(), r.get(0).toString());
        assertEquals(10.0, r.get(0).actual());
        assertFalse(r.get(1).passed(), "the phase's gaps add up over the shards: " + r.get(1));
        assertEquals(2.0, r.get(1).actual());
        assertEquals("mqtt.seqGaps == 0 failed: actual 2.0 (during patrol)", r.get(1).message());
        assertEquals(300.0, r.get(2).actual(), "a phase's latency percentile: the slowest shard's");
        assertEquals("ms", r.get(2).unit());
    }

    @Test
    void a_metric_the_merge_has_no_rule_for_is_combined_by_its_unit() {
        assertEquals(Combine.MAX, MergedVerdict.BY_UNIT.apply("recovery.allOnlineAfter"));
        assertEquals(Combine.SUM, MergedVerdict.BY_UNIT.apply("evidence.bytesRecorded"));
        assertEquals(Combine.SUM, MergedVerdict.BY_UNIT.apply("uploads.throughput"));
    }

    @Test
    void shards_that_checked_other_assertions_are_refused(@TempDir Path dir) throws IOException {
        ShardSet set = ShardSet.open(List.of(shard(dir, 0, "{\"expr\":\"evidence.lost == 0\",\"passed\":true,\"actual\":0,\"unit\":\"\"}"),
                shard(dir, 1, "{\"expr\":\"evidence.lost == 1\",\"passed\":false,\"actual\":0,\"unit\":\"\"}")));
        String msg = assertThrows(RecordException.class, () -> MergedVerdict.judge(set, Map.of())).getMessage();
        assertTrue(msg.startsWith("shard 1/2 (" + dir.resolve("shard-1") + ") checked other assertions than shard 0/2"), msg);
    }
}
