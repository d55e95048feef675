package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.assertions.Metric;
import io.bodycam.bench.verdict.AssertionResult;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;
import io.bodycam.record.SummaryMetrics;
import io.bodycam.record.files.LedgerProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the end-of-run files of the record: {@code summary.json} (the scenario, its seed, the verdict,
 * every metric at its dotted path, the assertions with their actual values; docs/design.md#run-record)
 * and {@code ledger.jsonl}.
 */
final class RecordFiles {

    private RecordFiles() {
    }

    static void write(Path dir, Scenario scenario, Map<String, Double> metrics, Map<String, String> notes,
                      List<AssertionResult> results, LedgerCheck.Result evidence, String endReason, Shard shard)
            throws IOException {
        summary(scenario, metrics, results, endReason, shard).withNotes(notes).write(dir.resolve(RunRecord.SUMMARY));
        LedgerProblem.write(dir.resolve(RunRecord.LEDGER), () -> evidence.problems().stream()
                .map(p -> new LedgerProblem(p.deviceId(), p.segmentId(), p.outcome(), p.reason())).iterator());
    }

    /** The run's summary: a duration is written with its decimals, any other metric as a whole number when it is one. */
    static Summary summary(Scenario scenario, Map<String, Double> metrics, List<AssertionResult> results, String endReason,
                           Shard shard) {
        SummaryMetrics.Builder m = SummaryMetrics.builder();
        metrics.forEach((name, value) -> m.put(name, value,
                Metric.byName(name).map(x -> x.unit() == Metric.Unit.MILLIS).orElse(false)));
        List<AssertionOutcome> outcomes = results.stream().map(r -> new AssertionOutcome(r.assertion().expr(), r.assertion().during(),
                r.passed(), r.actual(), r.unit().symbol(), r.message())).toList();
        return Summary.ofRun(scenario.name(), scenario.seed(), m.build(), outcomes, endReason,
                new Summary.Shard(shard.index(), shard.count()));
    }
}
