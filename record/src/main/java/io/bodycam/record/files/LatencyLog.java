package io.bodycam.record.files;

import io.bodycam.record.RecordException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One latency's HdrHistogram interval log ({@code latency/<kind>.hlog}) read back in one pass: the
 * percentiles of each interval (or of each run of {@code merge} consecutive intervals, so a long run
 * yields a bounded number of points) and the exact merge of all of them. Interval histograms are
 * dropped once summed up: a fleet's logs hold thousands of them.
 *
 * @param points in order; empty when the log is missing or held no value
 * @param total  every interval merged
 */
public record LatencyLog(LatencyKind kind, List<Point> points, Histogram total) {

    /**
     * Percentiles of one interval, or of several merged, in the log's unit.
     *
     * @param endSeconds wall seconds from the log's start to the end of the (last merged) interval
     */
    public record Point(double endSeconds, long count, long p50, long p90, long p99, long max) {
    }

    public LatencyLog {
        points = List.copyOf(points);
    }

    /** Reads {@code latency/<kind>.hlog} under {@code runDir}, one point per interval. */
    public static LatencyLog read(Path runDir, LatencyKind kind) {
        return read(runDir, kind, Integer.MAX_VALUE);
    }

    /** Reads the log, merging consecutive intervals so that there are at most {@code maxPoints} points. */
    public static LatencyLog read(Path runDir, LatencyKind kind, int maxPoints) {
        Path file = runDir.resolve(kind.file());
        List<Point> points = new ArrayList<>();
        Histogram total = new Histogram(3);
        if (!Files.isRegularFile(file)) {
            return new LatencyLog(kind, points, total);
        }
        try {
            int merge = Math.max(1, (intervals(file) + maxPoints - 1) / maxPoints);
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            try {
                Histogram bucket = new Histogram(3);
                int inBucket = 0;
                double end = 0;
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null) {
                    if (!(next instanceof Histogram h)) {
                        continue;
                    }
                    end = Math.max(0, (h.getEndTimeStamp() - (long) (reader.getStartTimeSec() * 1000)) / 1000.0);
                    total.add(h);
                    bucket.add(h);
                    if (++inBucket == merge) {
                        points.add(point(end, bucket));
                        bucket.reset();
                        inBucket = 0;
                    }
                }
                if (inBucket > 0) {
                    points.add(point(end, bucket));
                }
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordException("cannot read the latency log " + file + ": " + e.getMessage());
        }
        return new LatencyLog(kind, points, total);
    }

    private static Point point(double end, Histogram h) {
        return new Point(end, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    /** Interval lines in a log: those that are neither comments nor the legend. */
    private static int intervals(Path file) throws IOException {
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#' && line.charAt(0) != '"') {
                    n++;
                }
            }
        }
        return n;
    }

    /** A value of this log in milliseconds (wall or virtual, as the kind's unit says). */
    public double millis(long value) {
        return kind.unit().millis(value);
    }

    public boolean isEmpty() {
        return total.getTotalCount() == 0;
    }
}
