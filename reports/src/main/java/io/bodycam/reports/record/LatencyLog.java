package io.bodycam.reports.record;

import io.bodycam.reports.ReportException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One latency's HdrHistogram interval log ({@code latency/<kind>.hlog}) read back: its intervals, each
 * with its offset from the log's start, and their exact merge.
 *
 * @param intervals in order; empty when the log is missing or held no value
 */
public record LatencyLog(LatencyKind kind, List<Interval> intervals, Histogram total) {

    /**
     * One interval of the log.
     *
     * @param startSeconds wall seconds from the log's start to the interval's start
     * @param lengthSeconds the interval's wall length
     */
    public record Interval(double startSeconds, double lengthSeconds, Histogram histogram) {
    }

    public LatencyLog {
        intervals = List.copyOf(intervals);
    }

    /** Reads {@code latency/<kind>.hlog} under {@code runDir}. */
    public static LatencyLog read(Path runDir, LatencyKind kind) {
        Path file = runDir.resolve(kind.file());
        List<Interval> intervals = new ArrayList<>();
        Histogram total = new Histogram(3);
        if (!Files.isRegularFile(file)) {
            return new LatencyLog(kind, intervals, total);
        }
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            try {
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null) {
                    if (!(next instanceof Histogram h)) {
                        continue;
                    }
                    double start = (h.getStartTimeStamp() - baseMillis(reader)) / 1000.0;
                    intervals.add(new Interval(Math.max(0, start), (h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0, h));
                    total.add(h);
                }
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            throw new ReportException("cannot read the latency log " + file + ": " + e.getMessage());
        }
        return new LatencyLog(kind, intervals, total);
    }

    private static long baseMillis(HistogramLogReader reader) {
        return (long) (reader.getStartTimeSec() * 1000);
    }

    /** A value of this log in milliseconds (wall or virtual, as the kind's unit says). */
    public double millis(long value) {
        return kind.unit().millis(value);
    }

    public boolean isEmpty() {
        return total.getTotalCount() == 0;
    }
}
