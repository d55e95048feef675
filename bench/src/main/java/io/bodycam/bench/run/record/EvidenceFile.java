package io.bodycam.bench.run.record;

import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;

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
        try (JsonLines out = new JsonLines(file)) {
            for (DeviceLedger.Entry e : ledger.entries()) {
                String key = e.deviceId() + '/' + e.segmentId();
                LedgerCheck.Problem problem = problems.get(key);
                EventTally.Journey j = tally.journey(e.deviceId(), e.segmentId());
                out.line(g -> {
                    g.writeStringField("deviceId", e.deviceId());
                    g.writeStringField("segmentId", e.segmentId());
                    g.writeStringField("outcome", problem == null ? "verified" : problem.outcome());
                    g.writeBooleanField("duplicated", duplicated.contains(key));
                    g.writeNumberField("bytes", e.bytes());
                    g.writeNumberField("closedAt", e.closedAt());
                    g.writeNumberField("uploadedAt", j.uploadedAt);
                    g.writeNumberField("verifiedAt", j.verifiedAt);
                    g.writeNumberField("purgedAt", e.purgedAt());
                    g.writeNumberField("failedAttempts", j.failedAttempts.sum());
                    if (problem != null) {
                        g.writeStringField("reason", problem.reason());
                    }
                });
            }
        }
    }
}
