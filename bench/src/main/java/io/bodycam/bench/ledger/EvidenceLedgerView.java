package io.bodycam.bench.ledger;

import io.bodycam.backend.http.EvidenceEntry;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceStatus;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The embedded reference backend's side of the ledger, read straight from its {@link EvidenceLedger}:
 * it can also list everything it holds, so {@code evidence.unexpected} is measured.
 */
public final class EvidenceLedgerView implements BackendView {

    /** How this view's figures are proved. */
    public static final String METHOD = "the embedded reference backend's own ledger (each upload hashed on arrival), "
            + "read in the bench's process";

    private final EvidenceLedger ledger;

    public EvidenceLedgerView(EvidenceLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Held> lookup(String deviceId, String segmentId) {
        return ledger.entry(deviceId, segmentId).map(EvidenceLedgerView::held);
    }

    @Override
    public Optional<Set<String>> allKeys() {
        return Optional.of(ledger.snapshot().entries().stream()
                .map(e -> BackendView.key(e.deviceId(), e.segmentId())).collect(Collectors.toSet()));
    }

    @Override
    public String method() {
        return METHOD;
    }

    private static Held held(EvidenceEntry e) {
        String sha = e.status() == EvidenceStatus.INCOMPLETE ? null : e.computedSha256();
        return new Held(e.status() == EvidenceStatus.VERIFIED, sha, e.copies(),
                e.status() == EvidenceStatus.CORRUPT ? e.reason() : null);
    }
}
