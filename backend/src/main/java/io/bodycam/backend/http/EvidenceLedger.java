package io.bodycam.backend.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference backend's record of the evidence it holds, judged as a correct digital evidence
 * management system would (docs/design.md#nothing-lost-nothing-doubled): a completed upload
 * whose bytes hash to its declared SHA-256 is accepted once; the same segment with the same hash
 * completing again is rejected as a duplicate; a mismatch is quarantined as corrupt and a later
 * correct upload replaces it. Thread-safe; the server's threads write, the bench reads
 * {@link #snapshot()} at the end of a run.
 */
public final class EvidenceLedger {

    private final Map<Key, EvidenceEntry> entries = new LinkedHashMap<>();
    private final Set<Mutant> mutants;
    private long uploadsCreated;
    private long uploadsTerminated;
    private long bytesReceived;
    private long chunksCommitted;
    private long checksumFailures;
    private long completed;
    private long verified;
    private long corrupt;
    private long duplicatesRejected;
    private long answered4xx;
    private long answered5xx;

    /** A tus upload of the segment was created; it is known as {@link EvidenceStatus#INCOMPLETE} if new. */
    public synchronized void uploadCreated(String deviceId, String segmentId, String recordingId,
                                           String declaredSha256, long bytes) {
        uploadsCreated++;
        entries.putIfAbsent(new Key(deviceId, segmentId), new EvidenceEntry(deviceId, segmentId, recordingId,
                declaredSha256, "", bytes, EvidenceStatus.INCOMPLETE, 0, ""));
    }

    /** A PATCH body of {@code bytes} passed its checks and was committed. */
    public synchronized void chunkCommitted(long bytes) {
        chunksCommitted++;
        bytesReceived += bytes;
    }

    /** A PATCH body did not match its {@code Upload-Checksum} and was discarded. */
    public synchronized void checksumFailed() {
        checksumFailures++;
    }

    /** A tus upload was terminated (DELETE). */
    public synchronized void uploadTerminated() {
        uploadsTerminated++;
    }

    /** The server answered with {@code status}; 4xx and 5xx are counted. */
    public synchronized void answered(int status) {
        if (status >= 500) {
            answered5xx++;
        } else if (status >= 400) {
            answered4xx++;
        }
    }

    /**
     * The last byte of an upload arrived and hashed to {@code computedSha256}. Returns the segment's
     * entry after the verdict.
     */
    public synchronized EvidenceEntry uploadCompleted(String deviceId, String segmentId, String recordingId,
                                                      String declaredSha256, String computedSha256, long bytes) {
        return uploadCompleted(deviceId, segmentId, recordingId, declaredSha256, computedSha256, bytes, null);
    }

    /**
     * As {@link #uploadCompleted(String, String, String, String, String, long)}, with the verdict of a
     * content check on arrival: a non-null {@code rejection} (an MP4 that does not probe right) makes
     * intact bytes {@link EvidenceStatus#CORRUPT} with that reason.
     */
    public synchronized EvidenceEntry uploadCompleted(String deviceId, String segmentId, String recordingId,
                                                      String declaredSha256, String computedSha256, long bytes,
                                                      String rejection) {
        completed++;
        Key key = new Key(deviceId, segmentId);
        EvidenceEntry before = entries.get(key);
        boolean held = before != null && before.status() == EvidenceStatus.VERIFIED;
        EvidenceEntry after;
        boolean hashOk = computedSha256.equals(declaredSha256) || mutants.contains(Mutant.VERIFIES_CORRUPT);
        if (!hashOk || rejection != null) {
            corrupt++;
            String reason = !hashOk
                    ? "bytes hash to " + computedSha256 + ", upload declared " + declaredSha256
                    : "rejected on arrival: " + rejection;
            after = held ? before : new EvidenceEntry(deviceId, segmentId, recordingId, declaredSha256,
                    computedSha256, bytes, EvidenceStatus.CORRUPT, 0, reason);
        } else if (held && before.computedSha256().equals(computedSha256) && !mutants.contains(Mutant.KEEPS_DUPLICATES)) {
            duplicatesRejected++;
            after = before;
        } else {
            verified++;
            int copies = held ? before.copies() + 1 : 1;
            after = new EvidenceEntry(deviceId, segmentId, recordingId, declaredSha256, computedSha256, bytes,
                    EvidenceStatus.VERIFIED, copies, "");
        }
        entries.put(key, after);
        return after;
    }

    public synchronized Optional<EvidenceEntry> entry(String deviceId, String segmentId) {
        return Optional.ofNullable(entries.get(new Key(deviceId, segmentId)));
    }

    public synchronized LedgerSnapshot snapshot() {
        return new LedgerSnapshot(new ArrayList<>(entries.values()), new LedgerCounters(uploadsCreated,
                uploadsTerminated, bytesReceived, chunksCommitted, checksumFailures, completed, verified, corrupt,
                duplicatesRejected, answered4xx, answered5xx));
    }

    /** A ledger that keeps the contract. */
    public EvidenceLedger() {
        this(Set.of());
    }

    /** A ledger with deliberate defects ({@link Mutant#KEEPS_DUPLICATES}, {@link Mutant#VERIFIES_CORRUPT}). */
    public EvidenceLedger(Set<Mutant> mutants) {
        this.mutants = Set.copyOf(mutants);
    }

    private record Key(String deviceId, String segmentId) {
    }
}
