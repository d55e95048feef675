package io.bodycam.reports;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;
import io.bodycam.record.Summary;
import io.bodycam.record.SummaryMetrics;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one-screen summary printed at the end of a run, built from the run record alone: what ran, what
 * the fleet and the backend did, and each assertion with its measured value.
 */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static String render(RunRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("bodycam run %s   seed %d   %s%n", r.scenario(), r.summary().seed(),
                r.passed() ? "PASSED" : "FAILED"));
        sb.append(String.format("  record      %s%n", r.dir()));
        r.summary().mergedFrom().ifPresent(from -> line(sb, "merged", "from shards %s (bodycam report merge)%s",
                from.shards().stream().map(Summary.MergedShard::shard).collect(Collectors.joining(", ")),
                r.metric("run.startSpread").map(v -> ", their timelines began within " + millis(r, "run.startSpread")).orElse("")));
        line(sb, "time", "%s wall, %s virtual (speed %s)", duration(r, "run.wallTime"), duration(r, "run.virtualTime"),
                number(r.metric("run.clockSpeed").orElse(1.0)));
        line(sb, "devices", "%s configured, %s connected at peak, all connected after %s",
                count(r, "devices.configured"), count(r, "devices.connectedPeak"), millis(r, "devices.allConnectedAfter"));
        line(sb, "mqtt", "%s published, %s received, %s dropped while offline, %s seq gaps, %s duplicates",
                count(r, "mqtt.published"), count(r, "mqtt.received"), count(r, "mqtt.droppedOffline"),
                count(r, "mqtt.seqGaps"), count(r, "mqtt.duplicates"));
        for (String kind : new String[] {"state", "gps", "events"}) {
            line(sb, "", "%-7s latency p50 %s  p99 %s  max %s", kind, millis(r, "mqtt." + kind + ".latency.p50"),
                    millis(r, "mqtt." + kind + ".latency.p99"), millis(r, "mqtt." + kind + ".latency.max"));
        }
        line(sb, "commands", "%s sent, %s acked ok, %s failed; round trip p99 %s",
                count(r, "commands.sent"), count(r, "commands.acked"), count(r, "commands.failed"), millis(r, "commands.rtt.p99"));
        line(sb, "evidence", "%s segments recorded (%s): %s verified, %s lost, %s duplicated, %s corrupt, %s pending",
                count(r, "evidence.segmentsRecorded"), bytes(r, "evidence.bytesRecorded"), count(r, "evidence.verified"),
                count(r, "evidence.lost"), count(r, "evidence.duplicated"), count(r, "evidence.corrupt"),
                count(r, "evidence.pending"));
        evidenceMethod(sb, r);
        line(sb, "uploads", "%s completed, %s failed attempts, %s at %s/s; record to verified p99 %s",
                count(r, "uploads.completed"), count(r, "uploads.failed"), bytes(r, "uploads.bytes"),
                bytes(r, "uploads.throughput"), duration(r, "evidence.recordToVerified.p99"));
        if (r.metric("firmware.offered").orElse(0.0) > 0) {
            line(sb, "firmware", "%s offered, %s applied, %s rejected, %s interrupted, %s pending; %s downloads at once at peak, "
                    + "download p99 %s", count(r, "firmware.offered"), count(r, "firmware.applied"), count(r, "firmware.rejected"),
                    count(r, "firmware.interrupted"), count(r, "firmware.pending"), count(r, "firmware.downloadsPeak"),
                    duration(r, "firmware.downloadTime.p99"));
        }
        if (r.metric("priorityUpload.started").orElse(0.0) > 0) {
            line(sb, "priority", "%s priority uploads: %s completed, %s cancelled, %s failed, %s sent over LTE",
                    count(r, "priorityUpload.started"), count(r, "priorityUpload.completed"),
                    count(r, "priorityUpload.cancelled"), count(r, "priorityUpload.failed"), bytes(r, "priorityUpload.bytes"));
        }
        if (r.metric("security.attempts").isPresent()) {
            line(sb, "security", "%s impostor attempts: %s refused, %s accepted%s", count(r, "security.attempts"),
                    count(r, "security.refused"), count(r, "security.accepted"), securityKinds(r));
        }
        line(sb, "timers", "camera timer lag p50 %s  p99 %s  max %s",
                millis(r, "timer.lag.p50"), millis(r, "timer.lag.p99"), millis(r, "timer.lag.max"));
        if (r.metric("bench.saturated").isPresent()) {
            boolean saturated = r.metric("bench.saturated").get() > 0;
            boolean inWindows = r.metric("bench.saturatedWindows").orElse(0.0) > 0;
            line(sb, "bench", "cpu mean %s%% max %s%% (machine %s%%), gc max %s%%, observer busy max %s%%, timer lag p99 "
                    + "worst window %s: %s", count(r, "bench.cpu.mean"), count(r, "bench.cpu.max"),
                    count(r, "bench.machineCpu.max"), count(r, "bench.gc.max"), count(r, "bench.observerBusy.max"),
                    millis(r, "bench.timerLag.windowMax"), !saturated ? "not saturated"
                            : inWindows ? "SATURATED in " + count(r, "bench.saturatedWindows") + " of " + count(r, "bench.windows")
                                    + " windows: latencies from those seconds measure the bench falling behind, not the backend"
                            : "SATURATED, the figures above measure the bench falling behind, not the backend");
        }
        var assertions = r.assertions();
        long deferred = assertions.stream().filter(AssertionOutcome::deferred).count();
        sb.append(String.format("  assertions  %d, %d failed%s%n", assertions.size(), assertions.stream().filter(a -> !a.passed()).count(),
                deferred == 0 ? "" : ", " + deferred + " left to the merged record (each adds up over the shards)"));
        for (var a : assertions) {
            String actual = a.actual() == null ? "not measured" : number(a.actual()) + (a.unit().isEmpty() ? "" : " " + a.unit());
            String label = a.deferred() ? "DEFER" : a.passed() ? "PASS" : "FAIL";
            String how = a.onShare() ? " (" + a.message() + ")" : "";
            sb.append(String.format("    %-5s %-44s actual %s%s%n", label, a.expr(), actual, how));
        }
        return sb.toString();
    }

    /**
     * How the evidence figures were proved ({@code evidence.method}), why a store could not be read back, and the
     * cameras' own account beside a read-back; a record older than the note says it with {@code evidence.fromCameraProofs}.
     */
    private static void evidenceMethod(StringBuilder sb, RunRecord r) {
        var method = r.summary().note("evidence.method");
        if (method.isEmpty()) {
            r.metric("evidence.fromCameraProofs").ifPresent(fromCameras -> line(sb, "", "%s", fromCameras > 0
                    ? "proved by the cameras' own read-back or server checksum (the backend has no GET /evidence)"
                    : "verified by the backend's own verdicts (GET /evidence)"));
            return;
        }
        line(sb, "", "proved by %s", method.get());
        r.summary().note("evidence.readBackFailed").ifPresent(why -> line(sb, "", "READ-BACK FAILED: %s", why));
        if (r.metric("evidence.cameraProofs.verified").isPresent()) {
            line(sb, "", "the cameras' own proofs: %s verified, %s lost, %s duplicated, %s corrupt, %s pending",
                    count(r, "evidence.cameraProofs.verified"), count(r, "evidence.cameraProofs.lost"),
                    count(r, "evidence.cameraProofs.duplicated"), count(r, "evidence.cameraProofs.corrupt"),
                    count(r, "evidence.cameraProofs.pending"));
        }
    }

    /** Each impostor kind's refused/accepted, as {@code (revoked 1/0, expired 1/0)}, from the {@code security.KIND.*} metrics. */
    private static String securityKinds(RunRecord r) {
        String kinds = r.summary().metrics().values().keySet().stream()
                .filter(k -> k.startsWith("security.") && k.endsWith(".attempts") && !k.equals("security.attempts"))
                .map(k -> k.substring("security.".length(), k.length() - ".attempts".length()))
                .map(k -> k + " " + count(r, "security." + k + ".refused") + "/" + count(r, "security." + k + ".accepted"))
                .collect(Collectors.joining(", "));
        return kinds.isEmpty() ? "" : " (refused/accepted: " + kinds + ")";
    }

    private static void line(StringBuilder sb, String label, String format, Object... args) {
        sb.append(String.format("  %-11s %s%n", label, String.format(format, args)));
    }

    private static String count(RunRecord r, String m) {
        return r.metric(m).map(v -> String.format(Locale.ROOT, "%,d", Math.round(v))).orElse("-");
    }

    private static String millis(RunRecord r, String m) {
        return r.metric(m).map(v -> v >= 10_000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : number(v) + " ms").orElse("-");
    }

    private static String duration(RunRecord r, String m) {
        return r.metric(m).map(v -> {
            long s = Math.round(v / 1000);
            return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60)
                    : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : number(v / 1000) + " s";
        }).orElse("-");
    }

    private static String bytes(RunRecord r, String m) {
        return r.metric(m).map(ConsoleSummary::bytes).orElse("-");
    }

    static String bytes(double v) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return number(v) + " " + units[u];
    }

    /** Up to three significant decimals, no trailing zeros. */
    static String number(double v) {
        return SummaryMetrics.format(v);
    }
}
