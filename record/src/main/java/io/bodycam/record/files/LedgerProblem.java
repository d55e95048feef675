package io.bodycam.record.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One line of {@code ledger.jsonl}: a segment that did not end verified, or that the backend accepted
 * twice, with the outcome and the reason.
 *
 * @param outcome {@code corrupt}, {@code pending}, {@code lost} or {@code duplicated}
 */
public record LedgerProblem(String deviceId, String segmentId, String outcome, String reason) {

    /** Writes the problems, one a line in the order given. */
    public static void write(Path file, Iterable<LedgerProblem> problems) throws IOException {
        try (JsonLinesWriter out = new JsonLinesWriter(file)) {
            for (LedgerProblem p : problems) {
                out.line(g -> {
                    g.writeStringField("deviceId", p.deviceId());
                    g.writeStringField("segmentId", p.segmentId());
                    g.writeStringField("outcome", p.outcome());
                    g.writeStringField("reason", p.reason());
                });
            }
        }
    }
}
