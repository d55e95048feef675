package io.bodycam.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A finished run's record on disk ({@code runs/<name>-<time>/}), read back for reports. This module
 * knows the record's format only, never the engine that wrote it (DESIGN.md section 1).
 *
 * <p>Files: {@value #SUMMARY} (totals, metrics, assertions), {@value #EVENTS} (every camera event, one
 * JSON object a line), {@value #LEDGER} (every segment that did not end verified, with the reason) and
 * {@value #SCENARIO} (the scenario as run).
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode summary;

    private RunRecord(Path dir, JsonNode summary) {
        this.dir = dir;
        this.summary = summary;
    }

    /** Reads a run folder; refuses, with the reason, a folder that holds no usable summary. */
    public static RunRecord open(Path dir) {
        Path file = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new RecordException("no " + SUMMARY + " in " + dir + ": not a run folder, or the run did not finish");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RecordException(file + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.hasNonNull("scenario") || !root.has("passed")) {
            throw new RecordException(file + " lacks 'scenario' or 'passed': not a bodycam run summary");
        }
        if (root.path("devices").path("configured").asInt(0) == 0) {
            throw new RecordException(file + " describes a run with no cameras: nothing to report");
        }
        return new RunRecord(dir, root);
    }

    public Path dir() {
        return dir;
    }

    public JsonNode summary() {
        return summary;
    }

    public String scenario() {
        return summary.path("scenario").asText();
    }

    public boolean passed() {
        return summary.path("passed").asBoolean();
    }

    /** A metric by its dotted name ({@code mqtt.state.latency.p99}), if the summary has it. */
    public Optional<Double> metric(String dotted) {
        JsonNode n = summary;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n.isNumber() ? Optional.of(n.asDouble()) : Optional.empty();
    }

    /** The assertions in the order the scenario lists them. */
    public List<AssertionResult> assertions() {
        List<AssertionResult> list = new ArrayList<>();
        for (JsonNode a : summary.path("assertions")) {
            JsonNode actual = a.path("actual");
            list.add(new AssertionResult(a.path("expr").asText(), a.path("passed").asBoolean(),
                    actual.isNumber() ? actual.asDouble() : null, a.path("unit").asText(""), a.path("message").asText("")));
        }
        return list;
    }

    /**
     * One assertion's outcome.
     *
     * @param actual the measured value, or null when the metric could not be measured
     */
    public record AssertionResult(String expr, boolean passed, Double actual, String unit, String message) {
    }
}
