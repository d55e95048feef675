package io.bodycam.cli;

import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.verdict.MergedVerdict;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.merge.RecordMerge;
import io.bodycam.record.merge.ShardSet;
import io.bodycam.reports.ConsoleSummary;
import io.bodycam.reports.JunitXmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bodycam report merge RUN_DIR... [--out DIR]}: merges the run records of a run's shards
 * ({@code bodycam run --shard i/N}) into one record (record/README.md, "Merging shards"), evaluates the
 * scenario's assertions on the merged metrics and rebuilds {@code junit.xml} and {@code report.html}.
 * Exit codes as {@code run}'s: 0 the merged assertions hold, 1 one fails, 2 bad input (the records are
 * not the N shards of one run, with the reason).
 */
@Command(name = "merge", description = {
        "Merge the run records of a run's shards (bodycam run --shard i/N) into one record,",
        "judge the scenario's assertions on it, and build its junit.xml and report.html.",
        "Exit 0 when the merged assertions hold, 1 when one fails, 2 when the records are not the shards of one run."})
final class ReportMergeCommand implements Callable<Integer> {

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "the shards' run folders, each shard once, in any order")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "the merged record's folder (default: runs/<name>-merged-<time>)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        try {
            ShardSet shards = ShardSet.open(dirs);
            Path dir = out != null ? out
                    : Path.of("runs", shards.first().record().scenario() + "-merged-" + LocalDateTime.now().format(FOLDER_TIME));
            RecordMerge.Merged merged = RecordMerge.merge(shards, dir, MergedVerdict.BY_UNIT);
            RunRecord record = merged.finish(MergedVerdict.judge(shards, merged.metrics()));
            Path junit = JunitXmlReport.write(record);
            String html = BodycamCli.htmlReport(record);
            o.printf("merged %d shards (%s) of %s%n", shards.count(), shards.labels(), record.scenario());
            o.print(ConsoleSummary.render(record));
            o.println("  wrote       " + junit);
            o.println("  report      " + html);
            return record.passed() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED;
        } catch (RecordException e) {
            err.println("bodycam report merge: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        }
    }
}
