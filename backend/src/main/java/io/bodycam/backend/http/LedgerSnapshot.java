package io.bodycam.backend.http;

import java.util.List;
import java.util.Optional;

/** A consistent copy of the {@link EvidenceLedger}: every segment it knows, in first-seen order, and its totals. */
public record LedgerSnapshot(List<EvidenceEntry> entries, LedgerCounters counters) {

    public LedgerSnapshot {
        entries = List.copyOf(entries);
    }

    public Optional<EvidenceEntry> entry(String deviceId, String segmentId) {
        return entries.stream()
                .filter(e -> e.deviceId().equals(deviceId) && e.segmentId().equals(segmentId))
                .findFirst();
    }
}
