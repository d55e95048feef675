package io.bodycam.record;

import io.bodycam.record.files.LatencyKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run record of any size in the format the bench writes (record/README.md), with seeded
 * random content: for report tests and the 1,000-camera build-time figure, without running a fleet.
 *
 * @param lost segments the record marks lost (and latencies are doubled when it is above zero), to make
 *             a regressed candidate for comparisons
 */
public record SyntheticRun(int cameras, int seconds, long seed, int lost) {

    static final long START = 1_795_000_000_000L;
    static final String[] GROUPS = {"north", "south", "traffic"};

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("latency"));
        SplittableRandom rnd = new SplittableRandom(seed);
        double slow = lost > 0 ? 2 : 1;
        roster(dir);
        timeSeries(dir, rnd);
        for (LatencyKind kind : LatencyKind.values()) {
            latency(dir, kind, rnd, slow);
        }
        int segments = evidence(dir, rnd);
        gps(dir, rnd);
        events(dir, rnd);
        Files.writeString(dir.resolve(RunRecord.SCENARIO), "# synthetic\nname: synthetic\nfleet:\n  - count: " + cameras + "\n");
        Files.writeString(dir.resolve(RunRecord.SUMMARY), String.format(Locale.ROOT, """
                {"scenario":"synthetic","seed":%d,"passed":%s,
                 "run":{"wallTime":%d,"virtualTime":%d,"clockSpeed":60},
                 "devices":{"configured":%d,"connectedPeak":%d,"allConnectedAfter":2400},
                 "mqtt":{"published":%d,"received":%d,"seqGaps":0,"duplicates":0,
                         "state":{"latency":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f}}},
                 "commands":{"sent":%d,"acked":%d,"failed":0,"rtt":{"p50":3.1,"p99":%.3f}},
                 "evidence":{"segmentsRecorded":%d,"verified":%d,"lost":%d,"duplicated":0,"corrupt":0,"pending":0,"bytesRecorded":%d,
                             "recordToVerified":{"p50":3600000,"p99":18000000}},
                 "uploads":{"completed":%d,"failed":12,"throughput":%.1f},
                 "timer":{"lag":{"p50":0.2,"p99":2.5,"max":40}},
                 "assertions":[
                   {"expr":"evidence.lost == 0","passed":%s,"actual":%d,"unit":""},
                   {"expr":"mqtt.state.latency.p99 < 500ms","passed":true,"actual":%.3f,"unit":"ms"}]}
                """, seed, lost == 0, seconds * 1000L, seconds * 60_000L, cameras, cameras, cameras * 400L, cameras * 400L,
                2.5 * slow, 6 * slow, 12 * slow, 90 * slow, cameras, cameras, 20 * slow, segments, segments - lost, lost,
                segments * 2_000_000L, segments - lost, 40e6 / slow, lost == 0, lost, 12 * slow));
        return dir;
    }

    private void roster(Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.DEVICES))) {
            for (int i = 1; i <= cameras; i++) {
                w.write(String.format("{\"deviceId\":\"%s\",\"index\":%d,\"group\":\"%s\",\"agency\":\"kcpd\"}%n", id(i), i, GROUPS[i % GROUPS.length]));
            }
        }
    }

    private void timeSeries(Path dir, SplittableRandom rnd) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.TIMESERIES))) {
            long received = 0;
            for (int s = 1; s <= seconds; s++) {
                int online = Math.min(cameras, cameras * s / 5);
                int recording = rnd.nextInt(cameras / 10 + 1);
                int docked = s > seconds * 3 / 4 ? online - recording : 0;
                long state = rnd.nextInt(cameras / 2 + 1);
                long gps = cameras / 15 + rnd.nextInt(cameras / 10 + 1);
                received += state + gps + 5;
                w.write(String.format(Locale.ROOT, "{\"wallMs\":%d,\"virtualMs\":%d,\"intervalMs\":1000,\"online\":%d,\"recording\":%d,"
                        + "\"uploading\":%d,\"modes\":{\"OFF\":%d,\"READY_BUFFERING\":%d,\"RECORDING\":%d,\"DOCKED\":%d},"
                        + "\"mqtt\":{\"status\":1,\"state\":%d,\"gps\":%d,\"events\":3,\"ack\":1},"
                        + "\"upload\":{\"bytes\":%d,\"completed\":%d,\"failed\":0},"
                        + "\"totals\":{\"received\":%d,\"segments\":%d,\"errors\":%d,\"commandsSent\":%d,\"commandsAcked\":%d}}%n",
                        s * 1000L, s * 60_000L, online, recording, docked / 2, cameras - online, online - recording - docked, recording,
                        docked, state, gps, docked > 0 ? 40_000_000L : 0, docked > 0 ? 20 : 0, received, s * cameras / 50, s / 30,
                        s * cameras / seconds, s * cameras / seconds));
            }
        }
    }

    private void latency(Path dir, LatencyKind kind, SplittableRandom rnd, double slow) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(kind.file())), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.setBaseTime(START);
            w.outputBaseTime(START);
            w.outputStartTime(START);
            w.outputLegend();
            Histogram h = new Histogram(3_600_000_000L, 3);
            boolean virtual = kind.unit() == LatencyKind.Unit.VIRTUAL_MILLIS;
            for (int s = 0; s < seconds; s++) {
                h.reset();
                int n = virtual ? rnd.nextInt(3) : 10 + rnd.nextInt(40);
                for (int k = 0; k < n; k++) {
                    double ms = virtual ? 600_000 + rnd.nextDouble() * 7_200_000 : Math.exp(rnd.nextGaussian() * 0.9 + 1) * slow;
                    h.recordValue(Math.max(1, Math.round(virtual ? ms : ms * 1000)));
                }
                if (n == 0) {
                    continue;
                }
                h.setStartTimeStamp(START + s * 1000L);
                h.setEndTimeStamp(START + (s + 1) * 1000L);
                w.outputIntervalHistogram(h);
            }
        }
    }

    private int evidence(Path dir, SplittableRandom rnd) throws IOException {
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.EVIDENCE))) {
            for (int i = 1; i <= cameras; i++) {
                int segments = 6 + rnd.nextInt(12);
                for (int k = 1; k <= segments; k++) {
                    long closed = START + rnd.nextInt(seconds) * 60_000L;
                    boolean bad = n < lost;
                    w.write(String.format("{\"deviceId\":\"%s\",\"segmentId\":\"%s-R%05d-S001\",\"outcome\":\"%s\",\"duplicated\":false,"
                            + "\"bytes\":%d,\"closedAt\":%d,\"uploadedAt\":%d,\"verifiedAt\":%d,\"purgedAt\":%d,\"failedAttempts\":%d%s}%n",
                            id(i), id(i), k, bad ? "lost" : "verified", 1_000_000 + rnd.nextInt(2_000_000), closed,
                            bad ? -1 : closed + 3_000_000, bad ? -1 : closed + 3_100_000, closed + 3_200_000, rnd.nextInt(40) == 0 ? 1 : 0,
                            bad ? ",\"reason\":\"camera deleted it but the backend has no verified copy\"" : ""));
                    n++;
                }
            }
        }
        return n;
    }

    private void gps(Path dir, SplittableRandom rnd) throws IOException {
        int points = Math.max(2, seconds / 5);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.GPS))) {
            for (int i = 1; i <= cameras; i++) {
                double lat = 39.0 + rnd.nextDouble() * 0.2;
                double lon = -94.6 + rnd.nextDouble() * 0.3;
                for (int k = 0; k < points; k++) {
                    lat += (rnd.nextDouble() - 0.5) * 0.002;
                    lon += (rnd.nextDouble() - 0.5) * 0.002;
                    w.append("{\"deviceId\":\"").append(id(i)).append("\",\"t\":").append(Long.toString(START + k * 600_000L))
                            .append(",\"lat\":").append(Double.toString(Math.round(lat * 1e6) / 1e6))
                            .append(",\"lon\":").append(Double.toString(Math.round(lon * 1e6) / 1e6))
                            .append(",\"fix\":\"3d\",\"speed\":1.4}\n");
                }
            }
        }
    }

    private void events(Path dir, SplittableRandom rnd) throws IOException {
        String[] routine = {"mode", "recording.started", "recording.stopped", "segment.closed", "upload.completed", "upload.verified", "segment.purged"};
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RunRecord.EVENTS))) {
            for (int k = 0; k < cameras * 100; k++) {
                int i = 1 + rnd.nextInt(cameras);
                long wall = (long) k * seconds * 1000 / (cameras * 100L);
                String type = rnd.nextInt(500) == 0 ? "error" : rnd.nextInt(400) == 0 ? "upload.failed" : routine[rnd.nextInt(routine.length)];
                String extra = switch (type) {
                    case "error" -> ",\"code\":\"" + (rnd.nextBoolean() ? "time-sync" : "config-sync") + "\",\"message\":\"backend answered 503\"";
                    case "upload.failed" -> ",\"segmentId\":\"" + id(i) + "-R00001-S001\",\"error\":\"connection reset\"";
                    case "mode" -> ",\"from\":\"READY_BUFFERING\",\"to\":\"RECORDING\"";
                    default -> ",\"segmentId\":\"" + id(i) + "-R00001-S001\",\"bytes\":1500000,\"sha256\":\"" + "ab".repeat(32) + "\"";
                };
                w.append("{\"t\":").append(Long.toString(START + wall * 60)).append(",\"time\":\"2026-11-27T00:00:00Z\",\"wallMs\":")
                        .append(Long.toString(wall)).append(",\"deviceId\":\"").append(id(i)).append("\",\"type\":\"").append(type)
                        .append('"').append(extra).append("}\n");
            }
        }
    }

    private static String id(int i) {
        String n = Integer.toString(i);
        return "CAM-" + "00000".substring(n.length()) + n;
    }
}
