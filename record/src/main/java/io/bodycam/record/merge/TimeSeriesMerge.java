package io.bodycam.record.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.RecordException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sums the shards' {@code timeseries.jsonl} second by second. The shards' looks are aligned by virtual
 * time since each shard's start ({@code virtualMs}: the scenario's clock, on which the timeline acts),
 * in spans of {@code clockSpeed} virtual seconds, one nominal wall second at the scenario's speed: the
 * merged line {@code k} (1, 2, ...) takes the looks with {@code (k - 1) * speed * 1000 < virtualMs <= k *
 * speed * 1000}, and has {@code virtualMs = k * speed * 1000}, {@code wallMs = k * 1000} and
 * {@code intervalMs} the nominal wall time since the previous merged line, so rates per second stay rates
 * per second.
 *
 * <p>Fields are of two sorts. The objects {@code mqtt} and {@code upload} count what happened during
 * a look's interval: the merged line adds up every shard look that falls into the span (a count is
 * never lost or counted twice). Every other number ({@code online}, {@code recording},
 * {@code uploading}, {@code modes}, {@code totals}, ...) is a level: the merged line adds up each shard's
 * latest look at or before the span; a shard that has ended keeps its last look (its cameras stopped
 * docked or off), and a shard that has not looked yet counts 0.
 */
final class TimeSeriesMerge {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> PER_INTERVAL = Set.of("mqtt", "upload");
    private static final Set<String> TIME = Set.of("wallMs", "virtualMs", "intervalMs");

    private TimeSeriesMerge() {
    }

    /** One shard's looks, read one at a time. */
    private static final class Source {
        private final JsonLines lines;
        private JsonNode next;
        private JsonNode latest;

        Source(JsonLines lines) {
            this.lines = lines;
            this.next = lines.hasNext() ? lines.next().node() : null;
        }

        long span(double spanMs) {
            return Math.max(1, (long) Math.ceil(next.path("virtualMs").asLong() / spanMs));
        }

        void advance() {
            latest = next;
            next = lines.hasNext() ? lines.next().node() : null;
        }
    }

    /** Merges the files; returns the number of lines written. */
    static int merge(List<Path> inputs, Path out, double clockSpeed) {
        double spanMs = Math.max(1, clockSpeed) * 1000;
        List<JsonLines> readers = new ArrayList<>();
        int written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            List<Source> sources = new ArrayList<>();
            for (Path in : inputs) {
                JsonLines r = new JsonLines(in);
                readers.add(r);
                sources.add(new Source(r));
            }
            long previous = 0;
            while (true) {
                long span = sources.stream().filter(s -> s.next != null).mapToLong(s -> s.span(spanMs)).min().orElse(-1);
                if (span < 0) {
                    break;
                }
                ObjectNode rates = JSON.createObjectNode();
                for (Source s : sources) {
                    while (s.next != null && s.span(spanMs) == span) {
                        add(rates, s.next, true);
                        s.advance();
                    }
                }
                ObjectNode line = JSON.createObjectNode();
                line.put("wallMs", span * 1000);
                line.put("virtualMs", Math.round(span * spanMs));
                line.put("intervalMs", (span - previous) * 1000);
                ObjectNode levels = JSON.createObjectNode();
                for (Source s : sources) {
                    if (s.latest != null) {
                        add(levels, s.latest, false);
                    }
                }
                levels.properties().forEach(e -> line.set(e.getKey(), e.getValue()));
                rates.properties().forEach(e -> line.set(e.getKey(), e.getValue()));
                w.write(JSON.writeValueAsString(line));
                w.write('\n');
                written++;
                previous = span;
            }
        } catch (IOException e) {
            throw new RecordException("cannot write " + out + ": " + e.getMessage());
        } finally {
            readers.forEach(JsonLines::close);
        }
        return written;
    }

    /** Adds the numbers of {@code from} into {@code into}: the per-interval objects, or everything else. */
    private static void add(ObjectNode into, JsonNode from, boolean perInterval) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            if (TIME.contains(e.getKey()) || PER_INTERVAL.contains(e.getKey()) != perInterval) {
                continue;
            }
            sum(into, e.getKey(), e.getValue());
        }
    }

    private static void sum(ObjectNode into, String key, JsonNode value) {
        if (value.isObject()) {
            JsonNode existing = into.get(key);
            ObjectNode child = existing instanceof ObjectNode o ? o : into.putObject(key);
            value.properties().forEach(e -> sum(child, e.getKey(), e.getValue()));
        } else if (value.isIntegralNumber()) {
            into.put(key, into.path(key).asLong(0) + value.asLong());
        } else if (value.isNumber()) {
            into.put(key, into.path(key).asDouble(0) + value.asDouble());
        }
    }
}
