package io.bodycam.bench.verdict;

import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.AssertionParser;
import io.bodycam.bench.scenario.assertions.Metric;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RecordException;
import io.bodycam.record.merge.Combine;
import io.bodycam.record.merge.RecordMerge;
import io.bodycam.record.merge.ShardSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The verdict of a run merged from its shards ({@code bodycam report merge}): the scenario's assertions,
 * as every shard's {@code summary.json} lists them, evaluated again on the merged metrics, so
 * {@code devices.connectedPeak == 400} holds for the merged run although no shard alone had 400 cameras.
 * An assertion measured during a phase ({@code during}) combines the shards' phase values by the
 * metric's {@link Combine} rule, since the merged record keeps no phase windows.
 */
public final class MergedVerdict {

    private MergedVerdict() {
    }

    /**
     * How the merge combines a metric it has no rule of its own for: durations take the slowest shard's,
     * counts, sizes and rates are added.
     */
    public static final Function<String, Combine> BY_UNIT = name -> Metric.byName(name)
            .map(m -> m.unit() == Metric.Unit.MILLIS ? Combine.MAX : Combine.SUM).orElse(Combine.SUM);

    /** Evaluates the shards' assertions on the merged run; refuses shards whose assertions differ. */
    public static List<AssertionOutcome> judge(ShardSet shards, Map<String, Double> merged) {
        List<AssertionOutcome> list = shards.first().record().assertions();
        for (ShardSet.Shard s : shards.shards()) {
            if (!exprs(s.record().assertions()).equals(exprs(list))) {
                throw new RecordException("shard " + s.label() + " (" + s.dir() + ") checked other assertions than shard "
                        + shards.first().label() + ": " + exprs(s.record().assertions()) + " against " + exprs(list)
                        + "; merge the shards of one run");
            }
        }
        List<AssertionOutcome> results = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            AssertionOutcome a = list.get(i);
            Assertion assertion;
            try {
                assertion = AssertionParser.parse(a.expr());
            } catch (IllegalArgumentException e) {
                throw new RecordException("shard " + shards.first().label() + "'s summary.json has an assertion this version cannot read, '"
                        + a.expr() + "': " + e.getMessage());
            }
            double actual = a.during() != null ? phase(shards, i, assertion.metric()) : merged.getOrDefault(assertion.metric(), Double.NaN);
            AssertionResult r = AssertionResult.evaluate(List.of(assertion), Map.of(assertion.metric(), actual)).get(0);
            String message = r.message() + (a.during() != null && !r.passed() ? " (during " + a.during() + ")" : "");
            results.add(new AssertionOutcome(assertion.expr(), r.passed(), r.actual(), r.unit().symbol(), message));
        }
        return results;
    }

    /** A phase assertion's value in the merged run: the shards' phase values combined. */
    private static double phase(ShardSet shards, int i, String metric) {
        List<Double> values = new ArrayList<>();
        for (ShardSet.Shard s : shards.shards()) {
            values.add(s.record().assertions().get(i).actual());
        }
        return RecordMerge.rule(metric, BY_UNIT).apply(values);
    }

    private static List<String> exprs(List<AssertionOutcome> list) {
        return list.stream().map(a -> a.expr() + (a.during() != null ? " during " + a.during() : "")).toList();
    }
}
