package io.bodycam.record.merge;

import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;

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

/**
 * The merged roster ({@code devices.jsonl}) and who ran which camera. A shard's roster lists the cameras
 * it ran (records written before shards listed only theirs hold the whole fleet: a shard keeps the
 * entries whose fleet index {@code k} has {@code (k - 1) mod N == i}). A camera in two shards' rosters is
 * an error, and so is a shard's event or segment of a camera that another shard ran: this is the check
 * that every camera landed in exactly one shard.
 */
final class Roster {

    private record Entry(int index, int shard, String text) {
    }

    private final List<ShardSet.Shard> shards;
    private final Map<String, Entry> byDevice;

    private Roster(List<ShardSet.Shard> shards, Map<String, Entry> byDevice) {
        this.shards = shards;
        this.byDevice = byDevice;
    }

    static Roster merge(List<ShardSet.Shard> shards, Path out) {
        Map<String, Entry> byDevice = new HashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            ShardSet.Shard s = shards.get(i);
            try (JsonLines lines = new JsonLines(s.dir().resolve(RunRecord.DEVICES))) {
                while (lines.hasNext()) {
                    JsonLines.Line l = lines.next();
                    int index = l.node().path("index").asInt(0);
                    if (!s.owns(index)) {
                        continue;
                    }
                    String id = l.node().path("deviceId").asText();
                    Entry before = byDevice.putIfAbsent(id, new Entry(index, i, l.text()));
                    if (before != null) {
                        throw new RecordException("camera " + id + " is in the rosters of shard " + shards.get(before.shard()).label()
                                + " and shard " + s.label() + ": every camera runs in exactly one shard");
                    }
                }
            }
        }
        List<Entry> sorted = new ArrayList<>(byDevice.values());
        sorted.sort(Comparator.comparingInt(Entry::index));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Entry e : sorted) {
                w.write(e.text());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new RecordException("cannot write " + out + ": " + e.getMessage());
        }
        return new Roster(shards, byDevice);
    }

    int size() {
        return byDevice.size();
    }

    /** Keeps every line, refusing one of a camera that another shard ran (when the rosters are known). */
    LinesMerge.Filter ownOnly(String file) {
        return (shard, line) -> {
            String id = line.node().path("deviceId").asText();
            Entry e = byDevice.get(id);
            if (e != null && e.shard() != shard) {
                throw new RecordException("shard " + shards.get(shard).label() + "'s " + file + " holds camera " + id
                        + ", which shard " + shards.get(e.shard()).label() + " ran (fleet index " + e.index()
                        + "): every camera runs in exactly one shard, so these are not the shards of one run");
            }
            return true;
        };
    }

    /**
     * Keeps a shard's lines of its own cameras only: GPS reports come from the backend's observer, which
     * sees every shard's cameras when the shards share a broker.
     */
    LinesMerge.Filter ownOnlyQuietly() {
        return (shard, line) -> {
            Entry e = byDevice.get(line.node().path("deviceId").asText());
            return byDevice.isEmpty() || e != null && e.shard() == shard;
        };
    }
}
