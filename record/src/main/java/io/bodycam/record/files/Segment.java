package io.bodycam.record.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code evidence.jsonl}: a recorded segment and what became of it. Times are virtual
 * epoch milliseconds, -1 when it did not happen.
 *
 * @param outcome  {@code verified}, {@code corrupt}, {@code pending} or {@code lost}
 * @param duplicated the backend accepted it more than once
 * @param reason   why it did not end verified; empty when it did
 */
public record Segment(String deviceId, String segmentId, String outcome, boolean duplicated, long bytes, long closedAt,
                      long uploadedAt, long verifiedAt, long purgedAt, long failedAttempts, String reason) {

    public static final List<String> OUTCOMES = List.of("verified", "pending", "lost", "corrupt");

    /** Virtual milliseconds from closing to verification, or -1. */
    public long recordToVerifiedMillis() {
        return verifiedAt >= 0 && closedAt >= 0 ? verifiedAt - closedAt : -1;
    }

    public boolean verified() {
        return "verified".equals(outcome);
    }

    /** Reads the whole ledger. */
    public static List<Segment> read(Path file) {
        List<Segment> list = new ArrayList<>();
        JsonLinesReader.read(file, n -> list.add(new Segment(n.path("deviceId").asText(), n.path("segmentId").asText(),
                n.path("outcome").asText("unknown"), n.path("duplicated").asBoolean(), n.path("bytes").asLong(),
                n.path("closedAt").asLong(-1), n.path("uploadedAt").asLong(-1), n.path("verifiedAt").asLong(-1),
                n.path("purgedAt").asLong(-1), n.path("failedAttempts").asLong(), n.path("reason").asText(""))));
        return list;
    }
}
