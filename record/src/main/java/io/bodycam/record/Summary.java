package io.bodycam.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's {@code summary.json} as one value: what ran with which seed, the verdict, every metric at its
 * dotted path, each assertion with the value it was judged on, why the run ended, and which shard of a
 * run it was or which shards a merged record was made of. The bench writes it through {@link #write},
 * the merge and the reports read it through {@link #read}; the file's keys are defined nowhere else.
 *
 * @param seed       the scenario's seed
 * @param passed     every assertion held
 * @param endReason  why the run ended ({@code duration reached}, ...); empty when the record does not say
 * @param shard      the slice of the fleet a run played ({@code 0/1}: all of it); empty in a merged record
 * @param mergedFrom the shards' records a merged record was made of; empty in a run's own record
 * @param notes      words beside the metrics, each at its dotted path like a metric ({@code evidence.method}: how
 *                   the evidence figures were proved)
 */
public record Summary(String scenario, long seed, boolean passed, SummaryMetrics metrics, List<AssertionOutcome> assertions,
                      String endReason, Optional<Shard> shard, Optional<MergedFrom> mergedFrom, Map<String, String> notes) {

    /**
     * Which shard of a run this was ({@code bodycam run --shard index/count}).
     *
     * @param index 0-based, below {@code count}, in a well-formed record
     * @param count how many shards the run was cut into; 1 for a whole run
     */
    public record Shard(int index, int count) {
    }

    /** The shards a merged record was made of, in index order. */
    public record MergedFrom(List<MergedShard> shards) {
        public MergedFrom {
            shards = List.copyOf(shards);
        }
    }

    /**
     * One shard of a merged record, as it was when merged.
     *
     * @param shard   its label, {@code i/N}
     * @param dir     its run folder
     * @param devices the cameras it played
     */
    public record MergedShard(String shard, String dir, int devices, boolean passed, String endReason) {
    }

    public Summary {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(mergedFrom, "mergedFrom");
        assertions = List.copyOf(assertions);
        notes = Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    /** A run's own summary: it passed when every assertion held. */
    public static Summary ofRun(String scenario, long seed, SummaryMetrics metrics, List<AssertionOutcome> assertions,
                                String endReason, Shard shard) {
        return new Summary(scenario, seed, allPassed(assertions), metrics, assertions, endReason, Optional.of(shard),
                Optional.empty(), Map.of());
    }

    /** A merged record's summary: it passed when every assertion, judged on the merged metrics, held. */
    public static Summary ofMerge(String scenario, long seed, SummaryMetrics metrics, List<AssertionOutcome> assertions,
                                  String endReason, MergedFrom from) {
        return new Summary(scenario, seed, allPassed(assertions), metrics, assertions, endReason, Optional.empty(),
                Optional.of(from), Map.of());
    }

    /** This summary with {@code notes} added (a note at a metric's path is refused when written). */
    public Summary withNotes(Map<String, String> added) {
        Map<String, String> all = new TreeMap<>(notes);
        all.putAll(added);
        return new Summary(scenario, seed, passed, metrics, assertions, endReason, shard, mergedFrom, all);
    }

    /** The note at {@code dotted}, if the summary has one. */
    public Optional<String> note(String dotted) {
        return Optional.ofNullable(notes.get(dotted));
    }

    private static boolean allPassed(List<AssertionOutcome> assertions) {
        return assertions.stream().allMatch(AssertionOutcome::passed);
    }

    /**
     * Reads a {@code summary.json}; refuses, with the reason, a file that is not JSON or not a bodycam run
     * summary (no {@code scenario} or {@code passed}).
     */
    public static Summary read(Path file) {
        return SummaryJson.read(file);
    }

    /** Writes this summary to {@code file}, indented for people to read. */
    public void write(Path file) throws IOException {
        SummaryJson.write(this, file);
    }
}
