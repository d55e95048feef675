package io.bodycam.bench.live;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small run record written by hand: cameras A (day) and B (night) over three virtual minutes at clock
 * speed 60. A boots, records from 60 s to 90 s, docks at 100 s, uploads and purges one segment by 112 s
 * and loses LTE at 150 s for 20 s; B buffers and loses GPS at 30 s for a minute; B's segment is lost.
 */
final class SyntheticRecord {

    /** Virtual start of the run; the clock ran at 60 (a wall second is a virtual minute). */
    static final long S = 1_800_000_000_000L;
    private static final long WALL0 = 1_700_000_000_000L;

    private SyntheticRecord() {
    }

    /** An event near {@code virtualMs}: on the wall millisecond it falls in, so both clocks agree exactly. */
    private static String event(long virtualMs, String device, String type, String more) {
        long wall = virtualMs / 60;
        return "{\"t\":" + (S + wall * 60) + ",\"time\":\"x\",\"wallMs\":" + wall + ",\"deviceId\":\"" + device
                + "\",\"type\":\"" + type + "\"" + more + "}";
    }

    private static String mode(long virtualMs, String device, String to) {
        return event(virtualMs, device, "mode", ",\"from\":\"X\",\"to\":\"" + to + "\"");
    }

    static Path write(Path dir) throws IOException {
        Files.writeString(dir.resolve("devices.jsonl"), "{\"deviceId\":\"A\",\"index\":1,\"group\":\"day\",\"agency\":\"x\"}\n"
                + "{\"deviceId\":\"B\",\"index\":2,\"group\":\"night\",\"agency\":\"x\"}\n");
        List<String> events = new ArrayList<>(List.of(
                mode(1_000, "A", "BOOTING"), mode(1_000, "B", "BOOTING"), event(2_000, "A", "link.up", ""),
                mode(5_000, "A", "READY_BUFFERING"), mode(5_000, "B", "READY_BUFFERING"),
                event(30_000, "B", "fault.gpsLoss", ",\"durationMs\":60000"),
                mode(60_000, "A", "RECORDING"), mode(90_000, "A", "READY_BUFFERING"), mode(100_000, "A", "DOCKED"),
                event(101_000, "A", "time.synced", ",\"offsetMs\":3"),
                event(110_000, "A", "upload.completed", ",\"segmentId\":\"A-1\""),
                event(111_000, "A", "upload.verified", ",\"segmentId\":\"A-1\""),
                event(112_000, "A", "segment.purged", ",\"segmentId\":\"A-1\""),
                event(150_000, "A", "lte.outage", ",\"millis\":20000"), "{not json"));
        Files.write(dir.resolve("events.jsonl"), events);
        Files.writeString(dir.resolve("gps.jsonl"),
                "{\"deviceId\":\"A\",\"t\":" + (S + 10_000) + ",\"lat\":39.1,\"lon\":-94.4,\"fix\":\"3d\",\"speed\":1.0}\n"
                        + "{\"deviceId\":\"B\",\"t\":" + (S + 20_000) + ",\"lat\":39.2,\"lon\":-94.5,\"fix\":\"3d\",\"speed\":1.0}\n"
                        + "{\"deviceId\":\"A\",\"t\":" + (S + 70_000) + ",\"lat\":39.101,\"lon\":-94.401,\"fix\":\"3d\",\"speed\":1.0}\n");
        StringBuilder ts = new StringBuilder();
        for (int k = 1; k <= 3; k++) {
            ts.append("{\"wallMs\":").append(k * 1000).append(",\"virtualMs\":").append(k * 60_000)
                    .append(",\"intervalMs\":1000,\"online\":2,\"recording\":0,\"uploading\":0,\"modes\":{},")
                    .append("\"mqtt\":{\"state\":10,\"gps\":5},\"upload\":{\"bytes\":").append(k == 2 ? 4000 : 0)
                    .append(",\"completed\":0,\"failed\":0},\"totals\":{}}\n");
        }
        Files.writeString(dir.resolve("timeseries.jsonl"), ts);
        Files.writeString(dir.resolve("evidence.jsonl"),
                "{\"deviceId\":\"A\",\"segmentId\":\"A-1\",\"outcome\":\"verified\",\"duplicated\":false,\"closedAt\":" + (S + 90_000)
                        + ",\"verifiedAt\":" + (S + 111_000) + "}\n"
                        + "{\"deviceId\":\"B\",\"segmentId\":\"B-1\",\"outcome\":\"lost\",\"duplicated\":false,\"closedAt\":" + (S + 50_000)
                        + ",\"verifiedAt\":-1}\n");
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\":\"synthetic\",\"seed\":1,\"passed\":false,"
                + "\"devices\":{\"configured\":2},\"run\":{\"clockSpeed\":60},\"assertions\":[{\"expr\":\"evidence.lost == 0\","
                + "\"passed\":false,\"actual\":1.0,\"unit\":\"\"}]}");
        Files.createDirectories(dir.resolve("latency"));
        try (PrintStream out = new PrintStream(dir.resolve("latency/state.hlog").toFile())) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.setBaseTime(WALL0);
            w.outputBaseTime(WALL0);
            w.outputStartTime(WALL0);
            w.outputLegend();
            w.outputIntervalHistogram(interval(WALL0, 1000));
            w.outputIntervalHistogram(interval(WALL0 + 1000, 5000));
        }
        return dir;
    }

    private static Histogram interval(long start, long micros) {
        Histogram h = new Histogram(3);
        h.recordValue(micros);
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(start + 1000);
        return h;
    }
}
