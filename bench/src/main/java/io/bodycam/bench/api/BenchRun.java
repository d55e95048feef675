package io.bodycam.bench.api;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;

import java.nio.file.Path;
import java.util.List;

/** A finished run, read from its record: the verdict, each assertion and any metric by its dotted name. */
public final class BenchRun {

    private final RunRecord record;

    BenchRun(RunRecord record) {
        this.record = record;
    }

    /** Every assertion held. */
    public boolean passed() {
        return record.passed();
    }

    /** The run's folder (summary.json, events.jsonl, report inputs). */
    public Path dir() {
        return record.dir();
    }

    /**
     * A metric of the catalogue (docs/scenarios.md) by its dotted name, e.g. {@code evidence.lost}.
     *
     * @throws IllegalArgumentException when the run has no such metric
     */
    public double metric(String dotted) {
        return record.metric(dotted).orElseThrow(() -> new IllegalArgumentException("the run has no metric " + dotted));
    }

    /** Every assertion as the run judged it. */
    public List<AssertionOutcome> assertions() {
        return record.assertions();
    }

    /** The assertions that failed, each with its message. */
    public List<String> failures() {
        return record.assertions().stream().filter(a -> !a.passed()).map(a -> a.message().isEmpty() ? a.expr() : a.message())
                .toList();
    }

    /** The whole record, for what this class does not name. */
    public RunRecord record() {
        return record;
    }
}
