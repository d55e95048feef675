package io.bodycam.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finished run's record on disk ({@code runs/<name>-<time>/}): the names of its files, and the record
 * opened for reading through its {@link Summary}. This module knows the record's format only, never the
 * engine that writes it nor the reports built from it.
 *
 * <p>Files: {@value #SUMMARY} (totals, metrics, assertions), {@value #EVENTS} (every camera event, one
 * JSON object a line), {@value #LEDGER} (every segment that did not end verified, with the reason) and
 * {@value #SCENARIO} (the scenario as run), and those named below.
 */
public final class RunRecord {

    public static final String SUMMARY = "summary.json";
    public static final String EVENTS = "events.jsonl";
    public static final String LEDGER = "ledger.jsonl";
    public static final String SCENARIO = "scenario.yaml";
    public static final String JUNIT = "junit.xml";
    /** One JSON object per wall second: devices, modes, MQTT and upload rates, counters so far. */
    public static final String TIMESERIES = "timeseries.jsonl";
    /** Every recorded segment with its outcome (the full evidence ledger). */
    public static final String EVIDENCE = "evidence.jsonl";
    /** GPS positions as the backend's observer received them, per camera. */
    public static final String GPS = "gps.jsonl";
    /** The fleet roster: each camera's id, fleet index, group and agency. */
    public static final String DEVICES = "devices.jsonl";
    /** The self-contained HTML report built from the record. */
    public static final String REPORT = "report.html";
    /** The run's Micrometer meters at the end, in Prometheus text format. */
    public static final String METRICS = "metrics.prom";
    /** Every input each camera of a real-network run received, one line a step, for replaying one camera alone. */
    public static final String INPUTS = "inputs.jsonl";
    /** The folder of the HdrHistogram interval logs, one per latency kind. */
    public static final String LATENCY = "latency";

    private final Path dir;
    private final Summary summary;

    private RunRecord(Path dir, Summary summary) {
        this.dir = dir;
        this.summary = summary;
    }

    /** Reads a run folder; refuses, with the reason, a folder that holds no usable summary. */
    public static RunRecord open(Path dir) {
        Path file = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new RecordException("no " + SUMMARY + " in " + dir + ": not a run folder, or the run did not finish");
        }
        Summary summary = Summary.read(file);
        if (summary.metrics().get(SummaryMetrics.DEVICES_CONFIGURED).map(Double::intValue).orElse(0) == 0) {
            throw new RecordException(file + " describes a run with no cameras: nothing to report");
        }
        return new RunRecord(dir, summary);
    }

    public Path dir() {
        return dir;
    }

    public Summary summary() {
        return summary;
    }

    public String scenario() {
        return summary.scenario();
    }

    public boolean passed() {
        return summary.passed();
    }

    /** A metric by its dotted name ({@code mqtt.state.latency.p99}), if the summary has it measured. */
    public Optional<Double> metric(String dotted) {
        return summary.metrics().get(dotted);
    }

    /** The assertions in the order the scenario lists them. */
    public List<AssertionOutcome> assertions() {
        return summary.assertions();
    }
}
