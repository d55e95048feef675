package io.bodycam.bench.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what every camera recorded with what the backend holds (DESIGN.md principle 4), and sorts
 * every recorded segment into exactly one outcome:
 * <ul>
 *   <li>{@code verified}: the backend holds bytes with the camera's SHA-256;</li>
 *   <li>{@code corrupt}: the backend holds bytes with another hash;</li>
 *   <li>{@code pending}: the backend has no good copy, but the camera still has the segment;</li>
 *   <li>{@code lost}: neither the backend nor the camera has it.</li>
 * </ul>
 * Independently, {@code duplicated} counts segments the backend accepted more than once, and
 * {@code unexpected} what the backend holds that no camera recorded.
 */
public final class LedgerCheck {

    private LedgerCheck() {
    }

    /** The verdict of one segment that did not end verified, for the run record. */
    public record Problem(String deviceId, String segmentId, String outcome, String reason) {
    }

    /** Totals and the list of segments that did not end verified. */
    public record Result(int recorded, int verified, int lost, int duplicated, int corrupt, int pending,
                         int unexpected, long bytesRecorded, List<Problem> problems) {
    }

    /**
     * @param stillOnCamera segment ids each camera still stores at the end, by device id
     */
    public static Result check(DeviceLedger ledger, Map<String, Set<String>> stillOnCamera, BackendView backend) {
        int verified = 0;
        int lost = 0;
        int duplicated = 0;
        int corrupt = 0;
        int pending = 0;
        long bytes = 0;
        List<Problem> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (DeviceLedger.Entry e : ledger.entries()) {
            bytes += e.bytes();
            known.add(BackendView.key(e.deviceId(), e.segmentId()));
            Optional<BackendView.Held> held = backend.lookup(e.deviceId(), e.segmentId());
            boolean onCamera = stillOnCamera.getOrDefault(e.deviceId(), Set.of()).contains(e.segmentId());
            if (held.isPresent() && held.get().copies() > 1) {
                duplicated++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "duplicated",
                        "backend accepted " + held.get().copies() + " copies"));
            }
            if (held.isPresent() && held.get().verified() && e.sha256().equals(held.get().sha256())) {
                verified++;
            } else if (held.isPresent() && held.get().sha256() != null && !e.sha256().equals(held.get().sha256())) {
                corrupt++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "corrupt",
                        "backend holds sha256 " + held.get().sha256() + ", camera recorded " + e.sha256()
                                + (onCamera ? " (camera still has it)" : "")));
            } else if (onCamera) {
                pending++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "pending",
                        held.isPresent() ? "upload incomplete, camera still has it" : "not uploaded yet, camera still has it"));
            } else {
                lost++;
                problems.add(new Problem(e.deviceId(), e.segmentId(), "lost",
                        e.purgedAt() >= 0 ? "camera deleted it but the backend has no verified copy" : "gone from camera, never reached the backend"));
            }
        }
        int unexpected = backend.allKeys().map(keys -> {
            Set<String> extra = new HashSet<>(keys);
            extra.removeAll(known);
            return extra.size();
        }).orElse(0);
        return new Result(ledger.size(), verified, lost, duplicated, corrupt, pending, unexpected, bytes, problems);
    }
}
