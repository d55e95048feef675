package io.bodycam.record.merge;

import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The run records of one sharded run ({@code bodycam run --shard i/N}), every shard exactly once, checked
 * before anything is merged: each folder is a run record of a shard (not a whole run, not a merged
 * record), all of the same scenario, seed and shard count, with the same scenario file, and no shard
 * given twice or missing. Each refusal is a {@link RecordException} that names the folders and the fix.
 */
public final class ShardSet {

    /**
     * One shard's record.
     *
     * @param index the shard, {@code 0..count-1}
     * @param count how many shards the run was cut into
     */
    public record Shard(RunRecord record, int index, int count) {

        public Path dir() {
            return record.dir();
        }

        /** {@code i/N}, as {@code --shard} takes it. */
        public String label() {
            return index + "/" + count;
        }

        /** Whether the camera with this 1-based fleet index ran in this shard ({@code (k - 1) mod N == i}). */
        public boolean owns(int fleetIndex) {
            return fleetIndex >= 1 && (fleetIndex - 1) % count == index;
        }
    }

    private final List<Shard> shards;

    private ShardSet(List<Shard> shards) {
        this.shards = List.copyOf(shards);
    }

    /** Opens and checks the shards' records; the order given does not matter. */
    public static ShardSet open(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new RecordException("give the run folders of a run's shards (bodycam run --shard i/N), e.g. runs/x-shard0of2 runs/x-shard1of2");
        }
        List<Shard> shards = new ArrayList<>();
        for (Path dir : dirs) {
            shards.add(shard(dir));
        }
        Shard first = shards.get(0);
        for (Shard s : shards) {
            same(first, s, "scenario", RunRecord::scenario, "records of different scenarios");
            same(first, s, "seed", r -> Long.toString(r.summary().seed()), "records of different seeds");
            if (s.count() != first.count()) {
                throw new RecordException(s.dir() + " is shard " + s.label() + " but " + first.dir() + " is shard " + first.label()
                        + ": records of different shard counts; merge the N shards of one run");
            }
        }
        Map<Integer, List<Shard>> byIndex = shards.stream().collect(Collectors.groupingBy(Shard::index, TreeMap::new, Collectors.toList()));
        byIndex.forEach((index, given) -> {
            if (given.size() > 1) {
                throw new RecordException("shard " + given.get(0).label() + " given twice: "
                        + given.stream().map(s -> s.dir().toString()).collect(Collectors.joining(" and ")));
            }
        });
        List<Integer> missing = IntStream.range(0, first.count()).filter(i -> !byIndex.containsKey(i)).boxed().toList();
        if (!missing.isEmpty()) {
            throw new RecordException("shards " + labels(byIndex.keySet().stream().toList(), first.count()) + " given; "
                    + labels(missing, first.count()) + " missing");
        }
        shards.sort(Comparator.comparingInt(Shard::index));
        String text = scenarioText(first);
        for (Shard s : shards) {
            if (!scenarioText(s).equals(text)) {
                throw new RecordException(s.dir().resolve(RunRecord.SCENARIO) + " differs from " + first.dir().resolve(RunRecord.SCENARIO)
                        + ": the shards ran different scenario files; merge the shards of one run");
            }
        }
        return new ShardSet(shards);
    }

    private static Shard shard(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RecordException(dir + " is not a folder: give the run folders of a run's shards");
        }
        RunRecord record;
        try {
            record = RunRecord.open(dir);
        } catch (RecordException e) {
            throw new RecordException(dir + " is not a run record: " + e.getMessage());
        }
        Summary summary = record.summary();
        if (summary.mergedFrom().isPresent()) {
            throw new RecordException(dir + " is already a merged record (of " + summary.mergedFrom().get().shards().size()
                    + " shards), not a shard: merge the shards' own records");
        }
        int count = summary.shard().map(Summary.Shard::count).orElse(0);
        int index = summary.shard().map(Summary.Shard::index).orElse(-1);
        if (count < 2) {
            throw new RecordException(dir + " is not a shard but a whole run (" + (summary.shard().isEmpty() ? "no 'shard' in its " + RunRecord.SUMMARY
                    : "shard " + index + "/" + count) + "): merge takes the records of one run's shards, made with bodycam run --shard i/N");
        }
        if (index < 0 || index >= count) {
            throw new RecordException(dir.resolve(RunRecord.SUMMARY) + " names shard " + index + "/" + count + ", which cannot be");
        }
        return new Shard(record, index, count);
    }

    private static void same(Shard a, Shard b, String what, Function<RunRecord, String> of, String problem) {
        String x = of.apply(a.record());
        String y = of.apply(b.record());
        if (!x.equals(y)) {
            throw new RecordException(problem + ": " + a.dir() + " has " + what + " '" + x + "', " + b.dir() + " has '" + y
                    + "'; merge the shards of one run");
        }
    }

    private static String labels(List<Integer> indexes, int count) {
        return indexes.stream().map(i -> i + "/" + count).collect(Collectors.joining(", "));
    }

    private static String scenarioText(Shard s) {
        Path file = s.dir().resolve(RunRecord.SCENARIO);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The shards in index order. */
    public List<Shard> shards() {
        return shards;
    }

    public int count() {
        return shards.size();
    }

    public Shard first() {
        return shards.get(0);
    }

    /** {@code 0/3, 1/3, 2/3}. */
    public String labels() {
        return shards.stream().map(Shard::label).collect(Collectors.joining(", "));
    }
}
