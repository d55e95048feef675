package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.assertions.AssertionResult;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.record.RunRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the end-of-run files of the record: {@code summary.json} and {@code ledger.jsonl}. */
final class RecordFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFiles() {
    }

    static void write(Path dir, Scenario scenario, Map<String, Double> metrics, List<AssertionResult> results,
                      LedgerCheck.Result evidence, String endReason, Shard shard) throws IOException {
        SummaryWriter.write(dir, SummaryWriter.build(scenario.name(), scenario.seed(), metrics, results,
                Map.of("endReason", endReason, "shard", Map.of("index", shard.index(), "count", shard.count()))));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.LEDGER), StandardCharsets.UTF_8)) {
            for (LedgerCheck.Problem p : evidence.problems()) {
                w.write(JSON.writeValueAsString(p));
                w.write('\n');
            }
        }
    }
}
