package io.bodycam.bench.verdict;

import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.SummaryMetrics;
import io.bodycam.record.merge.Combine;
import io.bodycam.record.merge.RecordMerge;

import java.util.Locale;
import java.util.Set;

/**
 * How a shard judges the scenario's assertions on its own share of the fleet, so a sharded run fails a
 * shard only for what that shard did (docs/design.md#shards). A device count is compared with the
 * shard's share of the value ({@code devices.connectedPeak == 400} is {@code == 100} for one shard of
 * four). A metric the merge takes the largest or smallest of (latencies, times, the bench's health) is
 * judged as written: every shard within a bound keeps the merged run within it. A metric the merge adds
 * up is judged as written only against nothing ({@code evidence.lost == 0}): a share of 36 segments says
 * nothing of {@code evidence.segmentsRecorded >= 100}, so such an assertion is deferred to the merged
 * record, shown with the shard's value and never failing the shard.
 */
public final class ShardJudgement {

    private static final Set<String> DEVICE_COUNTS = Set.of("devices.configured", "devices.connectedPeak", "devices.online");

    private ShardJudgement() {
    }

    /**
     * The result {@code whole} (judged as written on this shard's metrics) as the shard judges it, holding
     * {@code shardCameras} of the fleet's {@code fleetCameras}.
     */
    public static AssertionResult judge(AssertionResult whole, int shardCameras, int fleetCameras) {
        Assertion a = whole.assertion();
        Double actual = whole.actual();
        if (actual == null) {
            return whole;
        }
        if (DEVICE_COUNTS.contains(a.metric())) {
            double share = a.value() * shardCameras / fleetCameras;
            boolean ok = a.op().test(actual, share);
            return new AssertionResult(a, ok, actual, whole.unit(), String.format(Locale.ROOT,
                    "%s%s %s (%d of %d cameras)%s", AssertionOutcome.ON_SHARE, a.metric(), compared(a, share), shardCameras,
                    fleetCameras, ok ? "" : ", actual " + format(actual)));
        }
        Combine combine = RecordMerge.rule(a.metric(), MergedVerdict.BY_UNIT);
        if (combine != Combine.SUM || againstNothing(a)) {
            return whole;
        }
        return new AssertionResult(a, true, actual, whole.unit(), String.format(Locale.ROOT,
                "%sthe merged record (bodycam report merge): %s adds up over the shards, and this one holds %d of %d cameras",
                AssertionOutcome.DEFERRED, a.metric(), shardCameras, fleetCameras));
    }

    /** {@code == 0}, {@code <= 0} or {@code < 1}: true of the sum when true of every shard's count. */
    private static boolean againstNothing(Assertion a) {
        return switch (a.op()) {
            case EQ, LE -> a.value() == 0;
            case LT -> a.value() > 0 && a.value() <= 1;
            default -> false;
        };
    }

    private static String compared(Assertion a, double share) {
        return a.op().symbol() + " " + format(share);
    }

    private static String format(double v) {
        return SummaryMetrics.format(v);
    }
}
