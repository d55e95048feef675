package io.bodycam.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;
import io.bodycam.record.merge.Combine;
import io.bodycam.record.merge.RecordMerge;
import io.bodycam.record.merge.ShardRecord;
import io.bodycam.record.merge.ShardSet;
import io.bodycam.reports.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record merged from shards reports like any run's: its JUnit XML and a page that says it is merged. */
class MergedRecordReportTest {

    @Test
    void a_merged_record_renders_its_verdict_and_says_it_is_merged(@TempDir Path tmp) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i : new int[] {2, 0, 1}) {
            dirs.add(new ShardRecord("demo", 5, 10, i, 3).write(tmp.resolve("demo-5-shard" + i + "of3")));
        }
        RunRecord merged = RecordMerge.merge(ShardSet.open(dirs), tmp.resolve("merged"), name -> Combine.SUM)
                .finish(List.of(new AssertionOutcome("devices.connectedPeak == 10", true, 10.0, "", "")));

        assertTrue(JunitXmlReport.render(merged).contains("tests=\"1\" failures=\"0\""), JunitXmlReport.render(merged));
        Path html = HtmlReport.write(merged);
        assertTrue(Files.readString(html).contains("\"mergedFrom\":\"0/3, 1/3, 2/3\""), "the page says the record is merged");
    }
}
