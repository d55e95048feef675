package io.bodycam.record;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {

    private static Path record(Path dir, String summary) throws IOException {
        Files.writeString(dir.resolve(RunRecord.SUMMARY), summary);
        return dir;
    }

    @Test
    void a_folder_without_a_summary_is_refused_with_the_reason(@TempDir Path dir) {
        var e = assertThrows(RecordException.class, () -> RunRecord.open(dir));
        assertTrue(e.getMessage().startsWith("no summary.json in"), e.getMessage());
    }

    @Test
    void an_empty_run_is_refused_with_the_reason(@TempDir Path dir) throws IOException {
        record(dir, "{\"scenario\":\"x\",\"passed\":true,\"devices\":{\"configured\":0}}");
        var e = assertThrows(RecordException.class, () -> RunRecord.open(dir));
        assertTrue(e.getMessage().endsWith("describes a run with no cameras: nothing to report"), e.getMessage());
    }

    @Test
    void a_summary_that_is_not_json_is_refused(@TempDir Path dir) throws IOException {
        record(dir, "{\"scenario\": ");
        var e = assertThrows(RecordException.class, () -> RunRecord.open(dir));
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
    }
}
