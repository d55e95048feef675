package io.bodycam.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.RecordingStopped;
import io.bodycam.sim.event.UploadCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code events.jsonl}: one line an event, the bench's stamps first, then the event's own JSON. */
class EventLogTest {

    @TempDir
    Path dir;

    @Test
    void each_line_is_the_virtual_time_the_wall_time_the_device_then_the_events_type_and_fields() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (EventLog log = new EventLog(file)) {
            log.onEvent(new ModeChanged("IPD-0001", 1_799_046_000_000L, Mode.OFF, Mode.BOOTING));
            log.onEvent(new RecordingStopped("IPD-0002", 1_799_046_017_000L, "IPD-0002-R00001", StopReason.STORAGE_FULL,
                    17_000, 2));
            log.onEvent(new UploadCompleted("IPD-0002", 1_799_046_018_500L, "IPD-0002-R00001-S001", 65_000, true));
        }

        List<String> lines = Files.readAllLines(file).stream().map(l -> l.replaceFirst("\"wallMs\":\\d+", "\"wallMs\":W")).toList();
        assertEquals(List.of(
                "{\"t\":1799046000000,\"time\":\"2027-01-04T07:00:00Z\",\"wallMs\":W,\"deviceId\":\"IPD-0001\","
                        + "\"type\":\"mode\",\"from\":\"OFF\",\"to\":\"BOOTING\"}",
                "{\"t\":1799046017000,\"time\":\"2027-01-04T07:00:17Z\",\"wallMs\":W,\"deviceId\":\"IPD-0002\","
                        + "\"type\":\"recording.stopped\",\"recordingId\":\"IPD-0002-R00001\",\"reason\":\"storage full\","
                        + "\"durationMs\":17000,\"segments\":2}",
                "{\"t\":1799046018500,\"time\":\"2027-01-04T07:00:18.500Z\",\"wallMs\":W,\"deviceId\":\"IPD-0002\","
                        + "\"type\":\"upload.completed\",\"segmentId\":\"IPD-0002-R00001-S001\",\"bytes\":65000,\"via\":\"lte\"}"),
                lines);
    }
}
