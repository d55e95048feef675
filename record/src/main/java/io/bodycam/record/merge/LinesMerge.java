package io.bodycam.record.merge;

import io.bodycam.record.RecordException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The JSON-lines files of the shards merged into one, each line kept as written: in time order
 * ({@code events.jsonl}, {@code gps.jsonl}: a k-way merge on a time field through a bounded window), or as a union
 * whose keys must not repeat across shards ({@code evidence.jsonl}: a segment recorded in two shards is
 * an error).
 */
final class LinesMerge {

    private LinesMerge() {
    }

    /** Decides, for shard {@code i}'s line, whether it belongs in the merged file; may throw to refuse the record. */
    interface Filter extends BiPredicate<Integer, JsonLines.Line> {
    }

    /** How far out of order a line may be and still be put in place: lines held back at most. */
    static final int REORDER_WINDOW = 200_000;

    private record Held(long t, int shard, long seq, JsonLines.Line line) {
    }

    /**
     * Merges files that are each about in increasing {@code timeField} order into one in that order.
     * The shards' files are read side by side (the shard whose next line is earliest goes first), and
     * lines pass through a window of {@value #REORDER_WINDOW} lines sorted by time, then shard, then
     * position: cameras on different event loops write their events a little out of order and GPS
     * reports come a look at a time, and the window puts them in order. Ties keep the shards' order.
     *
     * @return the lines written
     */
    static long byTime(List<Path> inputs, Path out, String timeField, Filter keep) {
        List<JsonLines> sources = new ArrayList<>();
        PriorityQueue<Held> window = new PriorityQueue<>(Comparator.comparingLong(Held::t).thenComparingInt(Held::shard)
                .thenComparingLong(Held::seq));
        long written = 0;
        long seq = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            inputs.forEach(in -> sources.add(new JsonLines(in)));
            while (true) {
                int best = -1;
                long bestT = Long.MAX_VALUE;
                for (int i = 0; i < sources.size(); i++) {
                    JsonLines.Line head = sources.get(i).peek();
                    if (head == null) {
                        continue;
                    }
                    long t = head.node().path(timeField).asLong(Long.MAX_VALUE);
                    if (best < 0 || t < bestT) {
                        best = i;
                        bestT = t;
                    }
                }
                if (best < 0) {
                    break;
                }
                JsonLines.Line line = sources.get(best).next();
                if (keep.test(best, line)) {
                    window.add(new Held(bestT, best, seq++, line));
                }
                if (window.size() > REORDER_WINDOW) {
                    write(w, window.poll());
                    written++;
                }
            }
            while (!window.isEmpty()) {
                write(w, window.poll());
                written++;
            }
        } catch (IOException e) {
            throw new RecordException("cannot write " + out + ": " + e.getMessage());
        } finally {
            sources.forEach(JsonLines::close);
        }
        return written;
    }

    private static void write(BufferedWriter w, Held h) throws IOException {
        w.write(h.line().text());
        w.write('\n');
    }

    /**
     * Writes every shard's lines, shard after shard, refusing a key (e.g. {@code deviceId/segmentId})
     * that two shards both hold.
     *
     * @param what   what a key is, for the error ("segment")
     * @param labels the shards' labels ({@code 0/3}), in the order of {@code inputs}
     * @return the lines written
     */
    static long union(List<Path> inputs, List<String> labels, Path out, String what, Function<JsonLines.Line, String> key,
                      Filter keep) {
        Map<String, Integer> owner = new HashMap<>();
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < inputs.size(); i++) {
                try (JsonLines lines = new JsonLines(inputs.get(i))) {
                    while (lines.hasNext()) {
                        JsonLines.Line line = lines.next();
                        String k = key.apply(line);
                        Integer before = owner.putIfAbsent(k, i);
                        if (before != null && before != i) {
                            throw new RecordException(what + " " + k + " is in the records of shard " + labels.get(before)
                                    + " and shard " + labels.get(i) + " (" + inputs.get(before) + ", " + inputs.get(i)
                                    + "): every camera runs in exactly one shard, so these are not the shards of one run");
                        }
                        if (keep.test(i, line)) {
                            w.write(line.text());
                            w.write('\n');
                            written++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot write " + out + ": " + e.getMessage());
        }
        return written;
    }
}
