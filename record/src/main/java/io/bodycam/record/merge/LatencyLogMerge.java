package io.bodycam.record.merge;

import io.bodycam.record.RecordException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the shards' HdrHistogram interval logs of one latency ({@code latency/<kind>.hlog}) into one
 * log, exactly: every recorded value of every shard ends up in exactly one interval of the merged log
 * ({@link Histogram#add} loses nothing), so the merged log's percentiles are those of the union of the
 * shards' values, never an average of the shards' percentiles.
 *
 * <p>Time: each shard's intervals are placed by their offset from that shard's own log start (shards of
 * a Kubernetes Job start within seconds of each other, but shards run one after the other would
 * otherwise spread over several runs' time), and the intervals of all shards that start in the same
 * wall second of that offset are added into one merged interval. The merged log starts at the earliest
 * shard's start. Streams: one interval per shard is in memory at a time.
 */
final class LatencyLogMerge {

    private LatencyLogMerge() {
    }

    /** One shard's log, read ahead by one interval. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final HistogramLogReader reader;
        private Histogram next;
        private long startMillis = -1;

        Source(Path file) throws IOException {
            this.file = file;
            this.reader = new HistogramLogReader(file.toFile());
            advance();
        }

        void advance() {
            EncodableHistogram h;
            do {
                h = reader.nextIntervalHistogram();
            } while (h != null && !(h instanceof Histogram));
            next = (Histogram) h;
            if (startMillis < 0 && reader.getStartTimeSec() > 0) {
                startMillis = Math.round(reader.getStartTimeSec() * 1000);
            }
        }

        long offsetSecond() {
            return Math.max(0, next.getStartTimeStamp() - startMillis) / 1000;
        }

        long endOffsetMillis() {
            return Math.max(0, next.getEndTimeStamp() - startMillis);
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    /**
     * Writes the merge of {@code inputs} (missing files are skipped: a shard where nothing was measured)
     * to {@code out} and returns every value merged into one histogram.
     *
     * @param comments the comment lines the merged log starts with (kind, unit, where it came from)
     */
    static Histogram merge(List<Path> inputs, Path out, List<String> comments) {
        Histogram total = new Histogram(3);
        List<Source> sources = new ArrayList<>();
        try {
            for (Path in : inputs) {
                if (Files.isRegularFile(in)) {
                    sources.add(new Source(in));
                }
            }
            long base = sources.stream().filter(s -> s.startMillis >= 0).mapToLong(s -> s.startMillis).min().orElse(0);
            for (Source s : sources) {
                if (s.startMillis < 0) {
                    s.startMillis = base;
                }
            }
            Files.createDirectories(out.getParent());
            try (PrintStream stream = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
                HistogramLogWriter writer = new HistogramLogWriter(stream);
                comments.forEach(writer::outputComment);
                writer.setBaseTime(base);
                writer.outputBaseTime(base);
                writer.outputStartTime(base);
                writer.outputLegend();
                Histogram interval = new Histogram(3);
                while (true) {
                    long second = sources.stream().filter(s -> s.next != null).mapToLong(Source::offsetSecond).min().orElse(-1);
                    if (second < 0) {
                        break;
                    }
                    interval.reset();
                    long end = 0;
                    for (Source s : sources) {
                        while (s.next != null && s.offsetSecond() == second) {
                            interval.add(s.next);
                            end = Math.max(end, s.endOffsetMillis());
                            s.advance();
                        }
                    }
                    if (interval.getTotalCount() == 0) {
                        continue;
                    }
                    interval.setStartTimeStamp(base + second * 1000);
                    interval.setEndTimeStamp(base + Math.max(end, second * 1000));
                    writer.outputIntervalHistogram(interval);
                    total.add(interval);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordException("cannot merge the latency logs " + inputs + " into " + out + ": " + e.getMessage());
        } finally {
            sources.forEach(Source::close);
        }
        return total;
    }

    /** The comment lines a log starts with, without HdrHistogram's own ({@code #[BaseTime...]}) and the '#'. */
    static List<String> comments(Path file) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && line.startsWith("#")) {
                if (!line.startsWith("#[")) {
                    lines.add(line.substring(1));
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
        return lines;
    }
}
