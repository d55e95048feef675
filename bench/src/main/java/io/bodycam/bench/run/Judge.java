package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.ledger.store.StoreReadBack;
import io.bodycam.bench.metrics.BenchHealth;
import io.bodycam.bench.metrics.Metrics;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryMetrics;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.run.record.RunRecorder;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.timeline.FaultInjector;
import io.bodycam.bench.timeline.Phases;
import io.bodycam.bench.verdict.AssertionResult;
import io.bodycam.bench.verdict.ShardJudgement;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.recording.SegmentManifest;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runner's judging step, once the watch is over: checks the evidence ledger (what the cameras
 * recorded against what the backend holds and what is still on the cameras, the backend seen through the
 * {@link EvidenceProof} chosen for the run, and the cameras' own account beside a store's read-back), finishes the record's
 * ledger file, gathers the run's metrics and evaluates the assertions, each on the whole run or its
 * phase.
 */
final class Judge {

    /**
     * What a run is judged on and what it comes to.
     *
     * @param notes the summary's words beside the metrics (how the evidence figures were proved)
     */
    record Verdict(Map<String, Double> metrics, Map<String, String> notes, List<AssertionResult> results,
                   LedgerCheck.Result evidence) {

        boolean passed() {
            return results.stream().allMatch(AssertionResult::passed);
        }
    }

    /**
     * The live parts of a run the verdict reads.
     *
     * @param security the impostors' {@code security.*} metrics; empty without impostors
     */
    record Parts(Scenario scenario, Shard shard, Fleet fleet, FleetObserver observer, RunCollector collector,
                 RunRecorder record, Snapshot.Taker taker, Phases phases, FaultInjector faults, OfflineDetection offline,
                 RecoveryTracker recovery, BenchHealth health, long startedAtEpochMillis, Map<String, Double> security) {
    }

    private Judge() {
    }

    /**
     * @param virtualMillis how long the run lasted in virtual time
     * @param wallNanos     and in wall time
     */
    static Verdict judge(Parts p, Watch.Outcome watch, EvidenceProof proof, long now, long virtualMillis, long wallNanos)
            throws IOException {
        List<CameraSnapshot> snapshots = p.fleet().snapshots();
        Map<String, Set<String>> onCamera = stillOnCamera(snapshots);
        LedgerCheck.Result evidence = LedgerCheck.check(p.collector().ledger(), onCamera, proof.view(),
                Slot.accountable(p.scenario(), p.shard()));
        p.record().finish(p.collector().ledger(), evidence);
        Snapshot end = p.taker().take(now);
        Map<String, Double> metrics = Metrics.collect(p.scenario(), watch.allConnectedAfterMillis(), watch.onlineAtEnd(),
                p.fleet().mqttTotals(), p.observer(), p.collector(), evidence, end, wallNanos, virtualMillis);
        RecoveryMetrics.put(metrics, p.offline(), p.recovery());
        metrics.putAll(p.faults().httpFaultMetrics());
        metrics.putAll(p.security());
        metrics.put("evidence.fromCameraProofs", proof.view() instanceof CameraProofView ? 1.0 : 0.0);
        metrics.put("evidence.fromStoreReadBack", proof.view() instanceof StoreReadBack ? 1.0 : 0.0);
        proof.cameras().ifPresent(cameras -> cameraProofs(metrics, LedgerCheck.check(p.collector().ledger(), onCamera,
                cameras, Slot.accountable(p.scenario(), p.shard()))));
        metrics.put("run.startedAt", (double) p.startedAtEpochMillis());
        metrics.putAll(p.health().metrics(metrics.getOrDefault("timer.lag.p99", Double.NaN)));
        p.collector().updates().put(metrics, snapshots, p.observer().devices());
        metrics.put("devices.configured", (double) p.fleet().members().size());
        List<AssertionResult> results = AssertionResult.evaluate(p.scenario().assertions(),
                a -> p.phases().scope(a, metrics, end)).stream()
                .map(r -> r.assertion().eventually() == null ? r : watch.liveness().result(r.assertion()))
                .map(r -> p.shard().whole() ? r : ShardJudgement.judge(r, p.fleet().members().size(), p.scenario().cameraCount()))
                .toList();
        return new Verdict(metrics, proof.notes(), results, evidence);
    }

    /** The cameras' own account beside the store's read-back ({@code evidence.cameraProofs.*}): where they differ is worth a look. */
    private static void cameraProofs(Map<String, Double> metrics, LedgerCheck.Result cameras) {
        metrics.put("evidence.cameraProofs.verified", (double) cameras.verified());
        metrics.put("evidence.cameraProofs.lost", (double) cameras.lost());
        metrics.put("evidence.cameraProofs.duplicated", (double) cameras.duplicated());
        metrics.put("evidence.cameraProofs.corrupt", (double) cameras.corrupt());
        metrics.put("evidence.cameraProofs.pending", (double) cameras.pending());
    }

    /** The segments each camera still holds, by device id. */
    private static Map<String, Set<String>> stillOnCamera(List<CameraSnapshot> snapshots) {
        Map<String, Set<String>> map = new HashMap<>();
        for (CameraSnapshot s : snapshots) {
            map.put(s.deviceId(), s.stored().stream().map(SegmentManifest::segmentId).collect(Collectors.toSet()));
        }
        return map;
    }
}
