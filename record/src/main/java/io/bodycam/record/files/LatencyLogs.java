package io.bodycam.record.files;

import io.bodycam.record.RunRecord;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The record's HdrHistogram interval logs, one per {@link LatencyKind} ({@code latency/<kind>.hlog},
 * written with {@link HistogramLogWriter}): each look writes what was recorded since the previous look,
 * so a report can draw percentiles over time and merge the intervals exactly. An interval with no value
 * is not written.
 *
 * <p>A source is either a {@link Recorder} (its interval histogram is taken) or a cumulative histogram
 * (the previous copy is subtracted), so the observer's own histograms stay untouched.
 */
public final class LatencyLogs implements AutoCloseable {

    private interface Source {
        Histogram interval();
    }

    private final Map<LatencyKind, Source> sources = new EnumMap<>(LatencyKind.class);
    private final Map<LatencyKind, HistogramLogWriter> writers = new EnumMap<>(LatencyKind.class);
    private final Map<LatencyKind, PrintStream> streams = new EnumMap<>(LatencyKind.class);
    private final Path dir;
    private final long baseMillis;
    private long lastLookMillis;

    public LatencyLogs(Path runDir, long startEpochMillis) throws IOException {
        this.dir = runDir;
        this.baseMillis = startEpochMillis;
        this.lastLookMillis = startEpochMillis;
        Files.createDirectories(runDir.resolve(RunRecord.LATENCY));
    }

    /** Logs a recorder's intervals. */
    public void add(LatencyKind kind, Recorder recorder) throws IOException {
        open(kind, recorder::getIntervalHistogram);
    }

    /** Logs the growth of a cumulative histogram that {@code copies} hands out a fresh copy of. */
    public void addCumulative(LatencyKind kind, Supplier<Histogram> copies) throws IOException {
        Histogram[] previous = {null};
        open(kind, () -> {
            Histogram now = copies.get();
            Histogram interval = now.copy();
            if (previous[0] != null) {
                interval.subtract(previous[0]);
            }
            previous[0] = now;
            return interval;
        });
    }

    private void open(LatencyKind kind, Source source) throws IOException {
        PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(kind.file())), false, StandardCharsets.UTF_8);
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment("bodycam latency log: " + kind.id() + " (" + kind.description() + ")");
        writer.outputComment("unit: " + kind.unit().name());
        writer.setBaseTime(baseMillis);
        writer.outputBaseTime(baseMillis);
        writer.outputStartTime(baseMillis);
        writer.outputLegend();
        sources.put(kind, source);
        writers.put(kind, writer);
        streams.put(kind, out);
    }

    /** Writes each kind's interval since the previous look, stamped with wall epoch milliseconds. */
    public void look(long nowEpochMillis) {
        for (Map.Entry<LatencyKind, Source> e : sources.entrySet()) {
            Histogram h = e.getValue().interval();
            if (h.getTotalCount() == 0) {
                continue;
            }
            h.setStartTimeStamp(lastLookMillis);
            h.setEndTimeStamp(nowEpochMillis);
            writers.get(e.getKey()).outputIntervalHistogram(h);
        }
        lastLookMillis = nowEpochMillis;
    }

    @Override
    public void close() {
        streams.values().forEach(PrintStream::close);
    }
}
