package io.bodycam.record.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.files.LatencyKind;
import io.bodycam.record.files.LatencyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLogMergeTest {

    @Test
    void the_merged_log_holds_exactly_the_values_of_every_shard(@TempDir Path tmp) throws IOException {
        Histogram expected = new Histogram(3_600_000_000L, 3);
        List<Path> logs = new ArrayList<>();
        List<Histogram> perShard = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ShardRecord shard = new ShardRecord("t", 1, 9, i, 3);
            Histogram own = new Histogram(3_600_000_000L, 3);
            shard.stateLatencies().forEach(second -> {
                for (long v : second) {
                    expected.recordValue(v);
                    own.recordValue(v);
                }
            });
            perShard.add(own);
            Path log = tmp.resolve("shard" + i + ".hlog");
            // the shards started 3 s apart, as pods of a Job do
            ShardRecord.writeLatency(log, ShardRecord.WALL0 + i * 3_000L, shard.stateLatencies());
            logs.add(log);
        }
        Path out = tmp.resolve("merged/latency/state.hlog");

        Histogram total = LatencyLogMerge.merge(logs, out, List.of("bodycam latency log: state", "unit: MICROS"));

        assertEquals(expected, total, "every value of every shard, in the same buckets");
        LatencyLog back = LatencyLog.read(tmp.resolve("merged"), LatencyKind.STATE);
        assertEquals(expected, back.total(), "the written log reads back to the same histogram");
        assertEquals(expected.getTotalCount(), back.total().getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            assertEquals(expected.getValueAtPercentile(p), back.total().getValueAtPercentile(p), "p" + p);
        }
        assertEquals(5, back.points().size(), "each shard's n-th second lands in the merged n-th second: " + back.points());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), back.points().stream().map(LatencyLog.Point::endSeconds).toList());
        double averaged = perShard.stream().mapToLong(h -> h.getValueAtPercentile(99)).average().orElseThrow();
        assertNotEquals(averaged, (double) expected.getValueAtPercentile(99), "the shards are skewed: averaging would be wrong");
        assertTrue(Files.readString(out).startsWith("#bodycam latency log: state\n#unit: MICROS\n"), Files.readString(out));
    }

    @Test
    void a_shard_without_the_log_adds_nothing(@TempDir Path tmp) throws IOException {
        ShardRecord shard = new ShardRecord("t", 1, 4, 0, 2);
        Path log = tmp.resolve("a.hlog");
        ShardRecord.writeLatency(log, ShardRecord.WALL0, shard.stateLatencies());
        Histogram alone = LatencyLogMerge.merge(List.of(log), tmp.resolve("one/x.hlog"), List.of());

        Histogram merged = LatencyLogMerge.merge(List.of(log, tmp.resolve("missing.hlog")), tmp.resolve("two/x.hlog"), List.of());

        assertEquals(alone, merged);
        assertEquals(shard.stateLatencies().stream().mapToLong(s -> s.length).sum(), merged.getTotalCount());
    }
}
