package io.bodycam.bench.run.record;

import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.record.files.Segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The record's {@code evidence.jsonl}: the full evidence ledger, every segment a camera recorded with
 * its outcome ({@code verified}, {@code corrupt}, {@code pending} or {@code lost}, as
 * {@link LedgerCheck} sorted it), whether the backend holds it twice, the reason when it did not end
 * verified, its size and its journey in virtual time.
 */
final class EvidenceFile {

    private EvidenceFile() {
    }

    static void write(Path file, DeviceLedger ledger, LedgerCheck.Result check, EventTally tally) throws IOException {
        Map<String, LedgerCheck.Problem> problems = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (LedgerCheck.Problem p : check.problems()) {
            String key = p.deviceId() + '/' + p.segmentId();
            if (p.outcome().equals("duplicated")) {
                duplicated.add(key);
            } else {
                problems.put(key, p);
            }
        }
        Segment.write(file, () -> ledger.entries().stream().map(e -> {
            String key = e.deviceId() + '/' + e.segmentId();
            LedgerCheck.Problem problem = problems.get(key);
            EventTally.Journey j = tally.journey(e.deviceId(), e.segmentId());
            return new Segment(e.deviceId(), e.segmentId(), problem == null ? Segment.VERIFIED : problem.outcome(),
                    duplicated.contains(key), e.bytes(), e.closedAt(), j.uploadedAt, j.verifiedAt, e.purgedAt(),
                    j.failedAttempts.sum(), problem == null ? "" : problem.reason());
        }).iterator());
    }
}
