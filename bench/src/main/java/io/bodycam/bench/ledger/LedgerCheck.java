package io.bodycam.bench.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what every camera recorded with what the backend holds
 * (docs/design.md#nothing-lost-nothing-doubled), and sorts every recorded segment into exactly one
 * outcome:
 * <ul>
 *   <li>{@code verified}: the backend holds bytes with the camera's SHA-256;</li>
 *   <li>{@code corrupt}: the backend holds bytes with another hash;</li>
 *   <li>{@code pending}: the backend has no good copy, but the camera still has the segment; the
 *       reason says why it is not uploaded yet (camera off after a power loss, not docked, upload
 *       failing, copy damaged ...);</li>
 *   <li>{@code lost}: neither the backend nor the camera has it.</li>
 * </ul>
 * Independently, {@code duplicated} counts segments the backend accepted more than once,
 * {@code unexpected} what the backend holds that no camera recorded, {@code corruptInjected} the
 * segments a scenario damaged on purpose (each must end {@code corrupt} or held: detected),
 * {@code duplicateInjected} the verified segments a scenario made a camera upload once more (the backend
 * must still count one copy),
 * {@code corruptAccepted} segments the backend calls verified although its bytes hash otherwise, and
 * {@code cutByPowerLoss} recordings whose open segment a power loss destroyed (never a segment, so in
 * none of the outcomes above; listed with the recorded time lost).
 */
public final class LedgerCheck {

    private LedgerCheck() {
    }

    /** The verdict of one segment that did not end verified, for the run record. */
    public record Problem(String deviceId, String segmentId, String outcome, String reason) {
    }

    /** Totals and the list of segments that did not end verified. */
    public record Result(int recorded, int verified, int lost, int duplicated, int corrupt, int pending,
                         int unexpected, long bytesRecorded, List<Problem> problems, int corruptInjected,
                         int corruptAccepted, int cutByPowerLoss, int duplicateInjected) {
    }

    /**
     * @param stillOnCamera segment ids each camera still stores at the end, by device id
     */
    public static Result check(DeviceLedger ledger, Map<String, Set<String>> stillOnCamera, BackendView backend) {
        return check(ledger, stillOnCamera, backend, deviceId -> true);
    }

    /**
     * As above, counting as {@code unexpected} only the backend's segments of the device ids
     * {@code accountable} accepts: a shard answers for its own cameras, not for the segments that other
     * shards' cameras uploaded to a backend they share.
     */
    public static Result check(DeviceLedger ledger, Map<String, Set<String>> stillOnCamera, BackendView backend,
                               java.util.function.Predicate<String> accountable) {
        int verified = 0;
        int lost = 0;
        int duplicated = 0;
        int corrupt = 0;
        int pending = 0;
        int injected = 0;
        int duplicateInjected = 0;
        int accepted = 0;
        long bytes = 0;
        List<Problem> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (DeviceLedger.Entry e : ledger.entries()) {
            bytes += e.bytes();
            known.add(BackendView.key(e.deviceId(), e.segmentId()));
            Optional<BackendView.Held> held = backend.lookup(e.deviceId(), e.segmentId());
            boolean onCamera = stillOnCamera.getOrDefault(e.deviceId(), Set.of()).contains(e.segmentId());
            if (e.damagedByFault()) {
                injected++;
            }
            if (e.duplicatedByFault()) {
                duplicateInjected++;
            }
            if (held.isPresent() && held.get().copies() > 1) {
                duplicated++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "duplicated",
                        "backend accepted " + held.get().copies() + " copies"));
            }
            if (held.isPresent() && held.get().verified() && !e.sha256().equals(held.get().sha256())) {
                accepted++;
            }
            if (held.isPresent() && held.get().verified() && e.sha256().equals(held.get().sha256())) {
                verified++;
            } else if (held.isPresent() && held.get().sha256() != null && !held.get().sha256().isEmpty()
                    && !e.sha256().equals(held.get().sha256())) {
                corrupt++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "corrupt",
                        "backend holds sha256 " + held.get().sha256() + ", camera recorded " + e.sha256()
                                + (e.damagedByFault() ? " (damaged on the camera by the scenario, after hashing)" : "")
                                + (onCamera ? " (camera still has it)" : "")));
            } else if (held.isPresent() && !held.get().verified() && held.get().corruptReason() != null) {
                corrupt++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "corrupt",
                        "backend refused the bytes the camera recorded: " + held.get().corruptReason()
                                + (onCamera ? " (camera still has it)" : "")));
            } else if (onCamera) {
                pending++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "pending",
                        PendingReason.of(e, ledger.status(e.deviceId()), held.isPresent())));
            } else {
                lost++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "lost",
                        e.purgedAt() >= 0 ? "camera deleted it but the backend has no verified copy" : "gone from camera, never reached the backend"));
            }
        }
        int cuts = 0;
        for (DeviceLedger.Cut c : ledger.cuts()) {
            cuts++;
            problems.add(new Problem(c.deviceId(), String.format("%s-S%03d", c.recordingId(), c.segmentsKept() + 1),
                    "cut", "open segment lost at a power loss: " + c.lostMillis() + " ms of recording never closed; "
                    + c.recordingId() + " kept up to its last complete segment (" + c.segmentsKept() + ")"));
        }
        int unexpected = backend.allKeys().map(keys -> {
            Set<String> extra = new HashSet<>(keys);
            extra.removeAll(known);
            extra.removeIf(key -> !accountable.test(key.substring(0, Math.max(0, key.indexOf('/')))));
            return extra.size();
        }).orElse(0);
        return new Result(ledger.size(), verified, lost, duplicated, corrupt, pending, unexpected, bytes, problems,
                injected, accepted, cuts, duplicateInjected);
    }
}
