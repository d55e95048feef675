package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.record.files.Camera;
import io.bodycam.record.files.GpsTracks;
import io.bodycam.record.files.LatencyKind;
import io.bodycam.record.files.LatencyLog;
import io.bodycam.record.files.ProblemEvents;
import io.bodycam.record.files.Segment;
import io.bodycam.record.files.Tick;
import io.bodycam.record.files.TimeSeries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the page shows about one run, read from its record and boiled down to what the charts
 * and tables draw: verdict and assertions, key figures, the time series, every latency, the evidence
 * ledger with the worst cameras, trouble by kind, the breakdown by group, GPS tracks and the scenario.
 * Refuses a record with nothing to chart, with the reason.
 */
final class RunDigest {

    private RunDigest() {
    }

    static ObjectNode of(RunRecord record) {
        Path dir = record.dir();
        List<Tick> ticks = TimeSeries.read(dir.resolve(RunRecord.TIMESERIES));
        if (ticks.isEmpty()) {
            throw new RecordException(dir.resolve(RunRecord.TIMESERIES) + " is missing or empty: the run recorded no time series"
                    + " (it ended before its first second, or the record predates report.html), so there is nothing to chart");
        }
        ObjectNode run = Json.object();
        run.put("name", record.scenario());
        run.put("dir", dir.toString());
        run.put("seed", Long.toString(record.summary().seed()));
        run.put("passed", record.passed());
        run.put("endReason", record.summary().endReason());
        List<String> shards = new java.util.ArrayList<>();
        record.summary().mergedFrom().ifPresent(from -> from.shards().forEach(s -> shards.add(s.shard())));
        run.put("mergedFrom", String.join(", ", shards));
        assertions(run.putArray("assertions"), record);
        ObjectNode metrics = run.putObject("metrics");
        for (KeyMetric m : KeyMetric.ALL) {
            Json.put(metrics, m.name(), record.metric(m.name()).orElse(Double.NaN));
        }
        run.set("series", SeriesDigest.of(ticks));
        // the big files are read side by side: a thousand-camera record holds tens of megabytes
        CompletableFuture<ProblemEvents.Digest> events = CompletableFuture.supplyAsync(() -> ProblemEvents.read(dir.resolve(RunRecord.EVENTS)));
        CompletableFuture<Map<String, GpsTracks.Track>> gps = CompletableFuture.supplyAsync(() -> GpsTracks.read(dir.resolve(RunRecord.GPS)));
        List<ObjectNode> logs = Arrays.stream(LatencyKind.values()).parallel()
                .map(kind -> LatencyDigest.of(LatencyLog.read(dir, kind, LatencyDigest.MAX_POINTS))).toList();
        ObjectNode latency = run.putObject("latency");
        for (LatencyKind kind : LatencyKind.values()) {
            latency.set(kind.id(), logs.get(kind.ordinal()));
        }
        List<Camera> roster = Camera.read(dir.resolve(RunRecord.DEVICES));
        ProblemEvents.Digest problems = join(events);
        EvidenceDigest.into(run, Segment.read(dir.resolve(RunRecord.EVIDENCE)), roster, problems);
        ArrayNode errors = run.putArray("errors");
        for (ProblemEvents.Group g : problems.groups()) {
            ObjectNode o = errors.addObject();
            o.put("kind", g.kind());
            o.put("count", g.count());
            o.put("devices", g.devices());
            o.put("firstWallS", Json.round(g.firstWallMs() / 1000.0));
            o.put("firstAt", g.firstAt());
            o.put("firstDevice", g.firstDevice());
            o.put("firstMessage", g.firstMessage());
        }
        run.set("map", MapDigest.of(join(gps), roster));
        run.put("scenarioText", scenarioText(dir));
        return run;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static void assertions(ArrayNode list, RunRecord record) {
        for (AssertionOutcome a : record.assertions()) {
            ObjectNode o = list.addObject();
            o.put("expr", a.expr());
            o.put("passed", a.passed());
            Json.put(o, "actual", a.actual() == null ? Double.NaN : a.actual());
            o.put("unit", a.unit());
            o.put("message", a.message());
        }
    }

    private static String scenarioText(Path dir) {
        Path file = dir.resolve(RunRecord.SCENARIO);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + RunRecord.SCENARIO + " in the record)";
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
