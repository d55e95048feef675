package io.bodycam.record.merge;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;
import io.bodycam.record.SummaryMetrics;
import io.bodycam.record.files.LatencyKind;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Merges the run records of a sharded run ({@link ShardSet}) into one record that reads like the record
 * of the unsharded run (record/README.md, "Merging shards"): the roster, evidence ledger and problem
 * ledger as unions (a camera or a segment in two shards is an error), events and GPS reports in time
 * order, the time series summed per nominal second, every HdrHistogram log merged exactly, and the
 * summary's metrics recomputed: latency percentiles from the merged histograms, everything else by its
 * {@link Combine} rule. The verdict is not decided here: the caller evaluates the scenario's assertions
 * on {@link Merged#metrics()} (the assertion language belongs to the engine) and hands the results to
 * {@link Merged#finish}.
 *
 * <pre>{@code
 * RecordMerge.Merged m = RecordMerge.merge(ShardSet.open(dirs), out, name -> Combine.SUM);
 * RunRecord merged = m.finish(results);   // writes summary.json
 * }</pre>
 */
public final class RecordMerge {

    private RecordMerge() {
    }

    /**
     * Writes every file of the merged record but {@code summary.json} into {@code out}.
     *
     * @param fallback how to combine a metric the merge has no rule for (the engine knows its
     *                 unit: a duration takes the largest, a count the sum)
     */
    public static Merged merge(ShardSet set, Path out, Function<String, Combine> fallback) {
        boolean fresh = prepare(set, out);
        try {
            return write(set, out, fallback);
        } catch (RuntimeException e) {
            if (fresh) {
                // leave no half-written folder behind: a second try with the right shards finds it empty
                delete(out);
            }
            throw e;
        }
    }

    /** The wall clock at a run's virtual start; the shards' spread of it is {@code run.startSpread}. */
    static final String RUN_STARTED_AT = "run.startedAt";

    private static Merged write(ShardSet set, Path out, Function<String, Combine> fallback) {
        List<ShardSet.Shard> shards = set.shards();
        List<String> labels = shards.stream().map(ShardSet.Shard::label).toList();
        Roster roster = Roster.merge(shards, out.resolve(RunRecord.DEVICES));
        LinesMerge.union(files(shards, RunRecord.EVIDENCE), labels, out.resolve(RunRecord.EVIDENCE), "segment",
                l -> l.node().path("deviceId").asText() + "/" + l.node().path("segmentId").asText(), roster.ownOnly(RunRecord.EVIDENCE));
        LinesMerge.union(files(shards, RunRecord.LEDGER), labels, out.resolve(RunRecord.LEDGER), "ledger entry",
                l -> l.node().path("deviceId").asText() + "/" + l.node().path("segmentId").asText() + " " + l.node().path("outcome").asText(),
                roster.ownOnly(RunRecord.LEDGER));
        LinesMerge.byTime(files(shards, RunRecord.EVENTS), out.resolve(RunRecord.EVENTS), "t", roster.ownOnly(RunRecord.EVENTS));
        LinesMerge.byTime(files(shards, RunRecord.GPS), out.resolve(RunRecord.GPS), "t", roster.ownOnlyQuietly());
        concatenate(files(shards, RunRecord.INPUTS), out.resolve(RunRecord.INPUTS));
        Map<String, List<Double>> values = values(shards);
        double speed = Combine.MAX.apply(values.getOrDefault("run.clockSpeed", List.of()));
        TimeSeriesMerge.merge(files(shards, RunRecord.TIMESERIES), out.resolve(RunRecord.TIMESERIES), Double.isNaN(speed) ? 1 : speed);
        Map<String, Double> metrics = new LinkedHashMap<>();
        values.forEach((name, vs) -> metrics.put(name, rule(name, fallback).apply(vs)));
        List<Double> starts = values.getOrDefault(RUN_STARTED_AT, List.of());
        if (!starts.isEmpty()) {
            metrics.put("run.startSpread", Combine.MAX.apply(starts) - Combine.MIN.apply(starts));
        }
        mergeLatencies(shards, out, metrics);
        double configured = metrics.getOrDefault(SummaryMetrics.DEVICES_CONFIGURED, 0.0);
        if (roster.size() > 0 && roster.size() != configured) {
            throw new RecordException("the shards' rosters (" + RunRecord.DEVICES + ") list " + roster.size() + " cameras but their summaries count "
                    + SummaryMetrics.format(configured) + " (" + SummaryMetrics.DEVICES_CONFIGURED + "): a record is incomplete");
        }
        PromMerge.merge(files(shards, RunRecord.METRICS), out.resolve(RunRecord.METRICS), name -> Optional.ofNullable(metrics.get(name))
                .filter(v -> !v.isNaN()));
        copy(set.first().dir().resolve(RunRecord.SCENARIO), out.resolve(RunRecord.SCENARIO));
        return new Merged(set, out, metrics, decimals(shards));
    }

    /** The rule for one metric: the few that a sum would get wrong, then the caller's. */
    public static Combine rule(String name, Function<String, Combine> fallback) {
        return switch (name) {
            case "devices.allConnectedAfter" -> Combine.MAX_OF_ALL;
            case RUN_STARTED_AT -> Combine.MIN;
            case "run.wallTime", "run.virtualTime", "run.clockSpeed", "recovery.faults", "recovery.unrecovered",
                    "recovery.allOnlineAfter", "recovery.queueDrainedAfter", "bench.cpu.mean", "bench.saturated",
                    "evidence.fromCameraProofs", "evidence.fromStoreReadBack" -> Combine.MAX;
            default -> name.matches(".*\\.(p50|p90|p99|max)") ? Combine.MAX : fallback.apply(name);
        };
    }

    /** Checks and creates {@code out}; returns whether it was new or empty (so a failed merge may remove it). */
    private static boolean prepare(ShardSet set, Path out) {
        for (ShardSet.Shard s : set.shards()) {
            if (s.dir().toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new RecordException("--out " + out + " is shard " + s.label() + "'s own folder: write the merged record elsewhere");
            }
        }
        try {
            boolean fresh = true;
            if (Files.isDirectory(out)) {
                try (Stream<Path> list = Files.list(out)) {
                    fresh = list.findAny().isEmpty();
                }
                if (!fresh && !isMergedRecord(out)) {
                    throw new RecordException("--out " + out + " exists and holds something other than a merged record: choose a new folder");
                }
            } else if (Files.exists(out)) {
                throw new RecordException("--out " + out + " is a file: give a folder");
            }
            Files.createDirectories(out.resolve(RunRecord.LATENCY));
            return fresh;
        } catch (IOException e) {
            throw new RecordException("cannot create " + out + ": " + e.getMessage());
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // the merge's own error is the one to report
        }
    }

    private static boolean isMergedRecord(Path dir) {
        try {
            return RunRecord.open(dir).summary().mergedFrom().isPresent();
        } catch (RecordException e) {
            return false;
        }
    }

    private static List<Path> files(List<ShardSet.Shard> shards, String name) {
        return shards.stream().map(s -> s.dir().resolve(name)).toList();
    }

    /** Every metric of every shard's summary, by dotted name, in the first shard's order; null where not measured. */
    private static Map<String, List<Double>> values(List<ShardSet.Shard> shards) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            int shard = i;
            shards.get(i).record().summary().metrics().values().forEach((name, value) -> {
                List<Double> list = values.computeIfAbsent(name, n -> new ArrayList<>(Collections.nCopies(shards.size(), null)));
                list.set(shard, value.isNaN() ? null : value);
            });
        }
        return values;
    }

    /** The metrics some shard wrote with decimals (durations), so the merged record writes them alike. */
    private static Set<String> decimals(List<ShardSet.Shard> shards) {
        Set<String> decimal = new HashSet<>();
        for (ShardSet.Shard s : shards) {
            SummaryMetrics m = s.record().summary().metrics();
            m.values().keySet().stream().filter(m::decimal).forEach(decimal::add);
        }
        return decimal;
    }

    /** Merges each latency log and puts the percentiles of the merged histogram in place of the combined ones. */
    private static void mergeLatencies(List<ShardSet.Shard> shards, Path out, Map<String, Double> metrics) {
        Set<String> names = new TreeSet<>();
        for (ShardSet.Shard s : shards) {
            Path dir = s.dir().resolve(RunRecord.LATENCY);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hlog")).forEach(names::add);
                } catch (IOException e) {
                    throw new RecordException("cannot list " + dir + ": " + e.getMessage());
                }
            }
        }
        Map<String, LatencyKind> kinds = new HashMap<>();
        for (LatencyKind k : LatencyKind.values()) {
            kinds.put(k.id() + ".hlog", k);
        }
        for (String name : names) {
            List<Path> inputs = files(shards, RunRecord.LATENCY + "/" + name);
            List<String> comments = new ArrayList<>(inputs.stream().filter(Files::isRegularFile).findFirst()
                    .map(LatencyLogMerge::comments).orElse(List.of()));
            comments.add("merged from shards " + shards.stream().map(ShardSet.Shard::label).toList() + " by bodycam report merge");
            Histogram total = LatencyLogMerge.merge(inputs, out.resolve(RunRecord.LATENCY).resolve(name), comments);
            LatencyKind kind = kinds.get(name);
            if (kind != null) {
                percentiles(metrics, kind, total);
            }
        }
    }

    private static void percentiles(Map<String, Double> metrics, LatencyKind kind, Histogram h) {
        boolean none = h.getTotalCount() == 0;
        String base = kind.metric();
        metrics.put(base + ".p50", none ? Double.NaN : kind.unit().millis(h.getValueAtPercentile(50)));
        metrics.put(base + ".p90", none ? Double.NaN : kind.unit().millis(h.getValueAtPercentile(90)));
        metrics.put(base + ".p99", none ? Double.NaN : kind.unit().millis(h.getValueAtPercentile(99)));
        metrics.put(base + ".max", none ? Double.NaN : kind.unit().millis(h.getMaxValue()));
    }

    /**
     * The shards' input logs, shard after shard, each as written: a camera's lines are all in its own shard's, in
     * their order, which is all a replay needs. None is written when no shard has one (older or simulated records).
     */
    private static void concatenate(List<Path> from, Path to) {
        if (from.stream().noneMatch(Files::isRegularFile)) {
            return;
        }
        try (var out = Files.newOutputStream(to)) {
            for (Path f : from) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, out);
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot write " + to + ": " + e.getMessage());
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RecordException("cannot copy " + from + " to " + to + ": " + e.getMessage());
        }
    }

    /** A merged record waiting for its verdict. */
    public static final class Merged {
        private final ShardSet shards;
        private final Path dir;
        private final Map<String, Double> metrics;
        private final Set<String> decimal;

        private Merged(ShardSet shards, Path dir, Map<String, Double> metrics, Set<String> decimal) {
            this.shards = shards;
            this.dir = dir;
            this.metrics = Collections.unmodifiableMap(metrics);
            this.decimal = decimal;
        }

        /** The merged run's metrics by dotted name; NaN where nothing was measured. */
        public Map<String, Double> metrics() {
            return metrics;
        }

        /**
         * Writes {@code summary.json} with the merged metrics, the verdict (every assertion holds), the
         * assertions as the caller evaluated them on {@link #metrics()}, the shards' end reason and the
         * shards it came from; returns the merged record.
         */
        public RunRecord finish(List<AssertionOutcome> assertions) {
            SummaryMetrics.Builder m = SummaryMetrics.builder();
            metrics.forEach((name, value) -> m.put(name, value, decimal.contains(name)));
            List<Summary.MergedShard> from = new ArrayList<>();
            for (ShardSet.Shard s : shards.shards()) {
                Summary own = s.record().summary();
                from.add(new Summary.MergedShard(s.label(), s.dir().toString(),
                        own.metrics().get(SummaryMetrics.DEVICES_CONFIGURED).map(Double::intValue).orElse(0), own.passed(),
                        own.endReason()));
            }
            Summary first = shards.first().record().summary();
            Summary merged = Summary.ofMerge(first.scenario(), first.seed(), m.build(), assertions, endReason(),
                    new Summary.MergedFrom(from)).withNotes(notes());
            Path file = dir.resolve(RunRecord.SUMMARY);
            try {
                merged.write(file);
            } catch (IOException e) {
                throw new RecordException("cannot write " + file + ": " + e.getMessage());
            }
            return RunRecord.open(dir);
        }

        /** Each note of the shards' summaries (how their evidence was proved): the shards' one value, else each shard's. */
        private Map<String, String> notes() {
            Map<String, Set<String>> values = new TreeMap<>();
            shards.shards().forEach(s -> s.record().summary().notes().forEach((name, value) ->
                    values.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value)));
            Map<String, String> notes = new TreeMap<>();
            values.forEach((name, distinct) -> notes.put(name, distinct.size() == 1 ? distinct.iterator().next()
                    : shards.shards().stream().map(s -> s.label() + ": " + s.record().summary().note(name).orElse("-"))
                    .collect(java.util.stream.Collectors.joining("; "))));
            return notes;
        }

        /** The shards' end reason when they agree, else each shard's. */
        private String endReason() {
            Set<String> reasons = new LinkedHashSet<>();
            shards.shards().forEach(s -> reasons.add(s.record().summary().endReason()));
            if (reasons.size() == 1) {
                return reasons.iterator().next();
            }
            StringBuilder sb = new StringBuilder();
            for (ShardSet.Shard s : shards.shards()) {
                String reason = s.record().summary().endReason();
                sb.append(sb.length() == 0 ? "" : "; ").append("shard ").append(s.label()).append(": ")
                        .append(reason.isEmpty() ? "?" : reason);
            }
            return sb.toString();
        }
    }
}
