package io.bodycam.record.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.Fixtures;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReadersTest {

    @Test
    void a_latency_log_merges_consecutive_intervals_to_stay_under_a_point_budget_and_loses_no_value(@TempDir Path dir) throws IOException {
        new SyntheticRun(5, 100, 3, 0).write(dir);
        LatencyLog every = LatencyLog.read(dir, LatencyKind.STATE);
        LatencyLog merged = LatencyLog.read(dir, LatencyKind.STATE, 30);

        assertEquals(100, every.points().size());
        assertEquals(25, merged.points().size(), "100 intervals in runs of 4");
        assertEquals(every.total().getTotalCount(), merged.points().stream().mapToLong(LatencyLog.Point::count).sum());
        assertEquals(every.total().getMaxValue(), merged.points().stream().mapToLong(LatencyLog.Point::max).max().orElse(0));
        assertEquals(100.0, every.points().get(99).endSeconds(), 1e-9);
    }

    @Test
    void a_missing_log_reads_as_empty(@TempDir Path dir) {
        assertTrue(LatencyLog.read(dir, LatencyKind.GPS).isEmpty());
    }

    @Test
    void the_time_series_reads_rates_counts_and_modes(@TempDir Path dir) {
        List<Tick> ticks = TimeSeries.read(Fixtures.copy("failed", dir).resolve(RunRecord.TIMESERIES));
        Tick first = ticks.get(0);
        assertEquals(3, first.online());
        assertEquals(3, first.modes().get("RECORDING"));
        assertEquals(20, first.mqtt().get("state"));
        assertEquals(62, first.total("received"));
    }

    @Test
    void problem_events_parse_only_lines_of_a_trouble_type() {
        assertTrue(ProblemEvents.worthParsing("{\"t\":1,\"deviceId\":\"A\",\"type\":\"error\",\"code\":\"x\"}"));
        assertEquals(false, ProblemEvents.worthParsing("{\"t\":1,\"deviceId\":\"A\",\"type\":\"errors.cleared\"}"));
        assertEquals(false, ProblemEvents.worthParsing("{\"t\":1,\"deviceId\":\"A\",\"type\":\"mode\",\"to\":\"OFF\"}"));
    }

    @Test
    void rejected_firmware_is_trouble_by_reason_and_the_reboot_into_new_firmware_is_not(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"t":1,"wallMs":5,"deviceId":"A","type":"firmware.rejected","version":"4.13.0","reason":"bad signature: not signed by the trusted key"}
                {"t":2,"wallMs":6,"deviceId":"B","type":"firmware.rejected","version":"4.13.0","reason":"sha256 mismatch: the image hashes to 00"}
                {"t":3,"wallMs":7,"deviceId":"C","type":"firmware.rejected","version":"4.13.0","reason":"bad signature: not signed by the trusted key"}
                {"t":4,"wallMs":8,"deviceId":"D","type":"reboot","reason":"firmware 4.13.0"}
                {"t":5,"wallMs":9,"deviceId":"E","type":"firmware.interrupted","version":"4.13.0","reason":"undocked mid-apply","running":"4.12.3"}
                """);
        var digest = ProblemEvents.read(file);
        assertEquals(List.of("firmware.rejected: bad signature", "firmware.interrupted: undocked mid-apply",
                "firmware.rejected: sha256 mismatch"), digest.groups().stream().map(ProblemEvents.Group::kind).toList());
        assertEquals(2, digest.groups().get(0).devices());
        assertEquals(false, digest.perDevice().containsKey("D"), "a planned reboot is not trouble");
    }

    @Test
    void gps_tracks_leave_out_positions_without_a_fix_and_broken_lines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gps.jsonl");
        Files.writeString(file, """
                {"deviceId":"A","t":1,"lat":39.1,"lon":-94.5,"fix":"3d"}
                {"deviceId":"A","t":2,"lat":39.2,"lon":-94.6,"fix":"none"}
                {"deviceId":"A","t":3,"lat":39.3,
                {"deviceId":"B","t":1,"lat":38.9,"lon":-94.4,"fix":"2d"}
                {"deviceId":"A","t":4,"lat":39.4,"lon":-94.7,"fix":"3d"}
                """);
        var tracks = GpsTracks.read(file);
        assertEquals(List.of("A", "B"), List.copyOf(tracks.keySet()));
        assertEquals(2, tracks.get("A").size());
        assertEquals(39.4, tracks.get("A").lat(1), 1e-9);
    }

    @Test
    void the_evidence_ledger_reads_every_segment_with_its_journey(@TempDir Path dir) {
        List<Segment> segments = Segment.read(Fixtures.copy("failed", dir).resolve(RunRecord.EVIDENCE));
        assertEquals(4, segments.size());
        Segment s = segments.get(0);
        assertEquals("pending", s.outcome());
        assertEquals(-1, s.recordToVerifiedMillis());
        assertTrue(s.closedAt() > 0 && s.bytes() > 0, s.toString());
    }
}
