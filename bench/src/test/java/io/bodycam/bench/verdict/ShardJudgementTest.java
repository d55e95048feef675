package io.bodycam.bench.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.assertions.AssertionParser;
import io.bodycam.record.AssertionOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shard of 100 cameras out of 400 judges each assertion on what its share can tell. */
class ShardJudgementTest {

    private static AssertionResult shard(String expr, String metric, double actual) {
        AssertionResult whole = AssertionResult.evaluate(List.of(AssertionParser.parse(expr)), Map.of(metric, actual)).get(0);
        return ShardJudgement.judge(whole, 100, 400);
    }

    private static AssertionOutcome outcome(AssertionResult r) {
        return new AssertionOutcome(r.assertion().expr(), r.passed(), r.actual(), r.unit().symbol(), r.message());
    }

    @Test
    void a_device_count_is_compared_with_the_shards_share() {
        AssertionResult peak = shard("devices.connectedPeak == 400", "devices.connectedPeak", 100);
        assertTrue(peak.passed(), peak.message());
        assertTrue(outcome(peak).onShare(), peak.message());
        assertEquals("judged on this shard's share: devices.connectedPeak == 100 (100 of 400 cameras)", peak.message());

        AssertionResult missing = shard("devices.connectedPeak == 400", "devices.connectedPeak", 99);
        assertFalse(missing.passed());
        assertTrue(missing.message().endsWith(", actual 99"), missing.message());
        assertTrue(shard("devices.online >= 380", "devices.online", 95).passed(), "95 of a share of 95");
    }

    @Test
    void a_latency_or_a_count_against_nothing_is_judged_as_written() {
        assertFalse(shard("mqtt.state.latency.p99 < 500ms", "mqtt.state.latency.p99", 800).passed());
        assertTrue(shard("mqtt.state.latency.p99 < 500ms", "mqtt.state.latency.p99", 20).passed());
        AssertionResult lost = shard("evidence.lost == 0", "evidence.lost", 2);
        assertFalse(lost.passed(), "a segment lost in one shard is lost in the run");
        assertFalse(outcome(lost).deferred());
        assertFalse(shard("mqtt.seqGaps < 1", "mqtt.seqGaps", 1).passed());
    }

    @Test
    void a_count_that_adds_up_over_shards_is_left_to_the_merged_record() {
        AssertionResult acked = shard("commands.acked == 400", "commands.acked", 97);
        assertTrue(acked.passed(), "never fails the shard");
        assertEquals(97.0, acked.actual(), "the shard's own value stays, for the merge of phase values");
        assertTrue(outcome(acked).deferred(), acked.message());
        assertTrue(outcome(shard("evidence.segmentsRecorded >= 100", "evidence.segmentsRecorded", 30)).deferred());
        assertTrue(outcome(shard("uploads.throughput > 50MB/s", "uploads.throughput", 1e6)).deferred());
    }

    @Test
    void a_metric_not_measured_still_fails() {
        AssertionResult whole = AssertionResult.evaluate(List.of(AssertionParser.parse("commands.acked == 400")), Map.of()).get(0);
        assertFalse(ShardJudgement.judge(whole, 100, 400).passed());
    }
}
