package io.bodycam.bench.scenario.assertions;

import io.bodycam.bench.scenario.ImpostorKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of run metrics: every name a {@code summary.json} carries and an assertion may test,
 * with its unit. A metric's dotted name is its path in {@code summary.json}. {@code windowed} metrics
 * can also be measured over a phase ({@code during:} in an assertion) and while the run goes
 * ({@code abortOnFail}); the others only exist at the end (the evidence ledger, devices, run times).
 */
public record Metric(String name, Unit unit, String description, boolean windowed) {

    /** How a metric's values are measured and written. */
    public enum Unit {
        COUNT(""), MILLIS("ms"), BYTES("B"), BYTES_PER_SECOND("B/s");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Map<String, Metric> ALL = new LinkedHashMap<>();
    private static final List<String> WINDOWED = List.of("mqtt.received", "mqtt.seqGaps", "mqtt.duplicates", "mqtt.gpsLost",
            "mqtt.malformed", "mqtt.schemaChecked", "commands.", "uploads.completed", "uploads.failed", "uploads.bytes", "timer.lag.");

    static {
        count("devices.configured", "cameras in the scenario");
        count("devices.connectedPeak", "most cameras online at once, as the backend's observer saw them");
        count("devices.online", "cameras online at the end, as the observer saw them");
        millis("devices.allConnectedAfter", "wall time from start until every camera was online (observer)");
        count("mqtt.published", "messages the cameras handed to the broker");
        count("mqtt.received", "messages the observer received");
        count("mqtt.droppedOffline", "messages cameras dropped: QoS 0 while offline, QoS 1 beyond the offline queue");
        count("mqtt.undelivered", "QoS 1 messages held at the end by cameras that are not connected (switched off or "
                + "offline): store and forward not finished");
        count("mqtt.seqGaps", "missing seq numbers on QoS 1 topics, per camera and topic");
        count("mqtt.duplicates", "QoS 1 messages the observer received twice");
        count("mqtt.gpsLost", "GPS messages (QoS 0) that never arrived");
        count("mqtt.malformed", "messages that break the contract: unreadable, or against docs/contract/asyncapi.yaml");
        count("mqtt.schemaChecked", "messages validated against their schema in docs/contract/asyncapi.yaml: all that "
                + "passed the basic checks, or a sample (observer.schemaCheck)");
        percentiles("mqtt.offlineDetected", "wall time from a camera's connection dying (power loss, cut network) to the "
                + "observer seeing it offline, normally through its Last Will");
        count("mqtt.offlineUndetected", "connection deaths the observer never saw as offline");
        for (String kind : List.of("status", "state", "gps", "events", "ack")) {
            percentiles("mqtt." + kind + ".latency", "wall time from a camera's timestamp to arrival at the observer, " + kind + " topic");
        }
        count("commands.sent", "commands the backend sent");
        count("commands.acked", "commands acknowledged ok");
        count("commands.failed", "commands answered with an error or not at all");
        percentiles("commands.rtt", "wall time from sending a command to its ack");
        count("evidence.segmentsRecorded", "segments the cameras recorded");
        count("evidence.verified", "recorded segments the backend holds with the camera's SHA-256");
        count("evidence.lost", "recorded segments neither the backend nor the camera has");
        count("evidence.duplicated", "segments the backend accepted more than once");
        count("evidence.corrupt", "segments the backend holds with another hash");
        count("evidence.pending", "segments still only on a camera");
        count("evidence.unexpected", "segments the backend holds that no camera recorded");
        count("evidence.corruptInjected", "segments a scenario damaged on the camera after hashing (each must end corrupt)");
        count("evidence.corruptAccepted", "segments the backend calls verified although their bytes hash otherwise");
        count("evidence.fromCameraProofs", "1 when the evidence figures come from the cameras' own proofs (a profile "
                + "without the reference GET /evidence: read-back or server checksum), 0 when from the backend's verdicts");
        count("evidence.fromStoreReadBack", "1 when the evidence figures come from the bench's own read-back of a foreign "
                + "store (S3 listing and objects, PUT URLs), 0 otherwise");
        count("evidence.cameraProofs.verified", "beside a store read-back: segments the cameras' own proofs count verified");
        count("evidence.cameraProofs.lost", "beside a store read-back: segments lost by the cameras' own proofs");
        count("evidence.cameraProofs.duplicated", "beside a store read-back: segments the cameras sent whole more than once");
        count("evidence.cameraProofs.corrupt", "beside a store read-back: segments whose proof showed another hash");
        count("evidence.cameraProofs.pending", "beside a store read-back: segments pending by the cameras' own proofs");
        count("evidence.cutByPowerLoss", "recordings whose open segment a power loss destroyed (never closed)");
        count("evidence.duplicateUploadsInjected", "verified segments a scenario made a camera upload once more "
                + "(the backend must keep one copy: evidence.duplicated stays 0)");
        put("evidence.bytesRecorded", Unit.BYTES, "payload bytes recorded");
        percentiles("evidence.recordToVerified", "virtual time from a segment's closing to its verification");
        count("uploads.completed", "segment uploads completed");
        count("uploads.failed", "failed upload or verification attempts (the camera retries)");
        put("uploads.bytes", Unit.BYTES, "payload bytes of completed uploads");
        put("uploads.throughput", Unit.BYTES_PER_SECOND,
                "payload bytes uploaded per wall second, between the first and the last completed upload");
        count("faults.http.errors", "upload requests the embedded evidence server answered with an injected 5xx");
        count("faults.http.lostResponses", "committed chunks whose answer the embedded evidence server withheld (injected)");
        count("faults.http.delayed", "upload requests the embedded evidence server answered late (injected)");
        count("firmware.offered", "cameras that took a firmware offer (command or dock config sync)");
        count("firmware.downloaded", "firmware images downloaded in full");
        count("firmware.applied", "firmware updates applied: the camera rebooted into the new version");
        count("firmware.rejected", "firmware offers or images a camera rejected (bad signature, wrong hash, rollback); it kept its firmware");
        count("firmware.interrupted", "firmware applies cut by an undock or a power loss (the camera kept its old firmware)");
        count("firmware.pending", "cameras at the end with an offered update neither applied nor rejected");
        count("firmware.reported", "cameras whose last status or state, as the backend saw it, names the version they applied");
        count("firmware.downloadsPaused", "firmware downloads paused (undocked, failed request, shutdown) to be resumed");
        count("firmware.downloadsPeak", "most firmware downloads in progress at once");
        put("firmware.bytes", Unit.BYTES, "payload bytes of the firmware images downloaded in full");
        percentiles("firmware.downloadTime", "virtual time from a download's start to its image verified (pauses included)");
        count("priorityUpload.started", "priority uploads started (the latest recording over LTE [S11])");
        count("priorityUpload.completed", "priority uploads that sent, verified and deleted the whole recording");
        count("priorityUpload.cancelled", "priority uploads cancelled (a trigger, docking, the officer or a command)");
        count("priorityUpload.failed", "priority uploads ended by a failed upload or verification");
        put("priorityUpload.bytes", Unit.BYTES, "payload bytes sent by completed priority uploads");
        count("recovery.faults", "fault ends the recovery was measured from");
        count("recovery.unrecovered", "fault ends after which the fleet never came back online or never drained");
        millis("recovery.allOnlineAfter", "virtual time from a fault's end until every powered camera was online again "
                + "(observer); the longest over the run's faults");
        millis("recovery.queueDrainedAfter", "virtual time from a fault's end until no segment waited for upload on any "
                + "camera; the longest over the run's faults");
        count("security.attempts", "impostor attempts made (docs/security.md#impostors)");
        count("security.refused", "impostor attempts the backend refused");
        count("security.accepted", "impostor attempts the backend let through: must be 0");
        for (ImpostorKind k : ImpostorKind.values()) {
            count("security." + k.yamlName() + ".attempts", k.yamlName() + " impostor attempts made");
            count("security." + k.yamlName() + ".refused", k.yamlName() + " impostor attempts refused");
            count("security." + k.yamlName() + ".accepted", k.yamlName() + " impostor attempts let through");
        }
        percentiles("timer.lag", "how late camera timers fired on their event loops (wall)");
        count("bench.cpu.mean", "percent of all cores the bench process used over the run (the embedded backend included)");
        count("bench.cpu.max", "the busiest 5-second window's CPU, percent of all cores");
        count("bench.gc.max", "the worst 5-second window's share of wall time in GC pauses, percent");
        count("bench.observerBusy.max", "the worst 5-second window's share of wall time the observer's message thread was busy, percent");
        count("bench.machineCpu.max", "the busiest 5-second window's CPU of the whole machine (every process), percent of all cores");
        millis("bench.timerLag.windowMax", "the worst 5-second window's camera timer lag p99 (wall)");
        count("bench.windows", "5-second windows the bench measured itself in");
        count("bench.saturatedWindows", "windows in which the bench fell behind (docs/metrics.md#bench-health)");
        count("bench.saturated", "1 when the bench itself was the bottleneck, over the run or in any window "
                + "(docs/metrics.md#bench-health): those latencies are not the backend's");
        millis("run.wallTime", "wall time of the run");
        count("run.startedAt", "the wall clock (ms since 1970, UTC) at the run's virtual start: when its timeline began");
        millis("run.startSpread", "in a record merged from shards: how far apart the shards' timelines began (their "
                + "run.startedAt), the bound to which they are one run");
        millis("run.virtualTime", "virtual time of the run");
        count("run.clockSpeed", "virtual seconds per wall second");
    }

    private static void count(String name, String description) {
        put(name, Unit.COUNT, description);
    }

    private static void millis(String name, String description) {
        put(name, Unit.MILLIS, description);
    }

    private static void percentiles(String base, String description) {
        for (String p : List.of("p50", "p90", "p99", "max")) {
            put(base + "." + p, Unit.MILLIS, description + " (" + p + ")");
        }
    }

    private static void put(String name, Unit unit, String description) {
        boolean windowed = WINDOWED.stream().anyMatch(name::startsWith) || name.startsWith("mqtt.") && name.contains(".latency.");
        ALL.put(name, new Metric(name, unit, description, windowed));
    }

    /** The metrics a run measures while it goes (the live dashboard's, and what {@code eventually} can check). */
    private static final List<String> LIVE = List.of("devices.connectedPeak", "devices.online", "mqtt.received",
            "mqtt.seqGaps", "mqtt.duplicates", "mqtt.gpsLost", "mqtt.malformed", "mqtt.schemaChecked", "commands.sent", "commands.acked",
            "commands.failed", "evidence.segmentsRecorded", "uploads.completed", "uploads.failed", "uploads.bytes");

    /** True when the run measures this metric while it goes, so {@code eventually} can check it. */
    public boolean live() {
        return LIVE.contains(name) || name.startsWith("commands.rtt.") || name.startsWith("mqtt.") && name.contains(".latency.");
    }

    /** The names of the metrics measured while the run goes, latency percentiles as families. */
    public static List<String> liveNames() {
        List<String> names = new ArrayList<>(LIVE);
        names.add("mqtt.<kind>.latency.*");
        names.add("commands.rtt.*");
        return names;
    }

    public static Optional<Metric> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every metric, in summary order. */
    public static List<Metric> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
