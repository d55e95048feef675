package io.bodycam.record.merge;

import io.bodycam.record.RunRecord;
import io.bodycam.record.files.LatencyKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes the record of one shard of a made-up run in the format the bench writes: {@code fleet}
 * cameras {@code CAM-001...}, of which shard {@code index/count} ran those whose fleet index {@code k}
 * has {@code (k - 1) mod count == index}, each with two segments, a few events and GPS reports, three
 * time series looks and state latencies drawn from {@code seed}.
 */
public record ShardRecord(String scenario, long seed, int fleet, int index, int count) {

    static final long T0 = 1_800_000_000_000L;
    static final long WALL0 = 1_790_000_000_000L;

    List<Integer> cameras() {
        List<Integer> own = new ArrayList<>();
        for (int k = 1; k <= fleet; k++) {
            if ((k - 1) % count == index) {
                own.add(k);
            }
        }
        return own;
    }

    static String id(int k) {
        return String.format("CAM-%03d", k);
    }

    /** The state latencies (microseconds) this shard recorded, one list per wall second. */
    List<long[]> stateLatencies() {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + index);
        List<long[]> seconds = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            long[] values = new long[40 + rnd.nextInt(20)];
            for (int i = 0; i < values.length; i++) {
                // each shard its own spread, so averaging shard percentiles would be wrong
                values[i] = 200 + rnd.nextInt(1_000 * (index + 1) * (index + 1));
            }
            seconds.add(values);
        }
        return seconds;
    }

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("latency"));
        List<Integer> own = cameras();
        StringBuilder devices = new StringBuilder();
        StringBuilder evidence = new StringBuilder();
        StringBuilder events = new StringBuilder();
        StringBuilder gps = new StringBuilder();
        for (int k : own) {
            devices.append(String.format("{\"deviceId\":\"%s\",\"index\":%d,\"group\":\"%s\",\"agency\":\"t\"}%n", id(k), k, k % 2 == 0 ? "even" : "odd"));
            for (int s = 1; s <= 2; s++) {
                evidence.append(String.format("{\"deviceId\":\"%s\",\"segmentId\":\"%s-R00001-S%03d\",\"outcome\":\"verified\",\"duplicated\":false,"
                        + "\"bytes\":1000,\"closedAt\":%d,\"uploadedAt\":%d,\"verifiedAt\":%d,\"purgedAt\":%d,\"failedAttempts\":0}%n",
                        id(k), id(k), s, T0 + k * 1000L, T0 + 60_000 + k, T0 + 61_000 + k, T0 + 62_000 + k));
            }
        }
        for (int e = 0; e < 3; e++) {
            for (int k : own) {
                // written as they happen; GPS a look at a time, a camera's reports a little out of order
                long t = T0 + e * 10_000L + k * 37L;
                events.append(String.format("{\"t\":%d,\"wallMs\":%d,\"deviceId\":\"%s\",\"type\":\"%s\"}%n", t, e * 100 + k,
                        id(k), e == 0 ? "mode" : "segment.closed"));
                gps.append(String.format(Locale.ROOT, "{\"deviceId\":\"%s\",\"t\":%d,\"lat\":39.1,\"lon\":-94.5,\"fix\":\"3d\",\"speed\":1.0}%n",
                        id(k), t - (k % 2) * 500));
            }
        }
        Files.writeString(dir.resolve(RunRecord.DEVICES), devices);
        Files.writeString(dir.resolve(RunRecord.EVIDENCE), evidence);
        Files.writeString(dir.resolve(RunRecord.EVENTS), events);
        Files.writeString(dir.resolve(RunRecord.GPS), gps);
        Files.writeString(dir.resolve(RunRecord.LEDGER), "");
        Files.writeString(dir.resolve(RunRecord.SCENARIO), "name: " + scenario + "\nseed: " + seed + "\n");
        StringBuilder series = new StringBuilder();
        for (int s = 1; s <= 3; s++) {
            // speed 60: a look about every wall second, i.e. 60 virtual seconds
            series.append(String.format("{\"wallMs\":%d,\"virtualMs\":%d,\"intervalMs\":1000,\"online\":%d,\"recording\":%d,\"uploading\":0,"
                    + "\"modes\":{\"READY_BUFFERING\":%d,\"RECORDING\":%d},\"mqtt\":{\"state\":%d,\"gps\":%d},"
                    + "\"upload\":{\"bytes\":%d,\"completed\":%d,\"failed\":0},\"totals\":{\"received\":%d,\"segments\":%d}}%n",
                    s * 1000 - index * 7, s * 60_000 - index * 300, own.size(), s - 1, own.size() - (s - 1), s - 1,
                    10 * s + index, s, 100 * s, s, 11 * s * (s + 1) / 2 + index * s, s));
        }
        Files.writeString(dir.resolve(RunRecord.TIMESERIES), series);
        writeLatency(dir.resolve(LatencyKind.STATE.file()), WALL0 + index * 3_000L, stateLatencies());
        Files.writeString(dir.resolve("metrics.prom"), String.format(Locale.ROOT, """
                # HELP bodycam_mqtt_received_total messages the observer received
                # TYPE bodycam_mqtt_received_total counter
                bodycam_mqtt_received_total %d.0
                # TYPE bodycam_devices_online gauge
                bodycam_devices_online %d.0
                # TYPE bodycam_mqtt_latency_milliseconds gauge
                bodycam_mqtt_latency_milliseconds{kind="state",quantile="p99"} %d.0
                """, 100 * (index + 1), own.size(), index + 1));
        Files.writeString(dir.resolve(RunRecord.SUMMARY), String.format(Locale.ROOT, """
                {"scenario":"%s","seed":%d,"passed":false,
                 "devices":{"configured":%d,"connectedPeak":%d,"online":%d,"allConnectedAfter":%d.0},
                 "mqtt":{"received":%d,"seqGaps":0,"state":{"latency":{"p50":1.0,"p90":2.0,"p99":3.0,"max":4.0}},
                         "offlineDetected":{"p50":null,"p99":%s}},
                 "evidence":{"segmentsRecorded":%d,"verified":%d,"lost":0,"bytesRecorded":%d},
                 "uploads":{"throughput":%d.5},
                 "run":{"wallTime":%d.5,"virtualTime":%d.0,"clockSpeed":60},
                 "assertions":[{"expr":"devices.connectedPeak == %d","passed":false,"actual":%d.0,"unit":""}],
                 "endReason":"timeline over","shard":{"index":%d,"count":%d}}
                """, scenario, seed, own.size(), own.size(), own.size(), 1000 + index * 100, 100 * (index + 1),
                index == 1 ? "12.5" : "null", 2 * own.size(), 2 * own.size(), 2000 * own.size(), 1000 * (index + 1),
                30_000 + index, 1_800_000 + index, fleet, own.size(), index, count));
        return dir;
    }

    static void writeLatency(Path file, long startMillis, List<long[]> seconds) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment("bodycam latency log: state (test)");
            w.outputComment("unit: MICROS");
            w.setBaseTime(startMillis);
            w.outputBaseTime(startMillis);
            w.outputStartTime(startMillis);
            w.outputLegend();
            for (int s = 0; s < seconds.size(); s++) {
                Histogram h = new Histogram(3_600_000_000L, 3);
                for (long v : seconds.get(s)) {
                    h.recordValue(v);
                }
                h.setStartTimeStamp(startMillis + s * 1000L + 5);
                h.setEndTimeStamp(startMillis + (s + 1) * 1000L);
                w.outputIntervalHistogram(h);
            }
        }
    }
}
