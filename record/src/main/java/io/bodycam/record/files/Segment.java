package io.bodycam.record.files;

import java.io.IOException;
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

    public static final String VERIFIED = "verified";
    public static final List<String> OUTCOMES = List.of(VERIFIED, "pending", "lost", "corrupt");

    private static final String DEVICE_ID = "deviceId";
    private static final String SEGMENT_ID = "segmentId";
    private static final String OUTCOME = "outcome";
    private static final String DUPLICATED = "duplicated";
    private static final String BYTES = "bytes";
    private static final String CLOSED_AT = "closedAt";
    private static final String UPLOADED_AT = "uploadedAt";
    private static final String VERIFIED_AT = "verifiedAt";
    private static final String PURGED_AT = "purgedAt";
    private static final String FAILED_ATTEMPTS = "failedAttempts";
    private static final String REASON = "reason";

    /** Virtual milliseconds from closing to verification, or -1. */
    public long recordToVerifiedMillis() {
        return verifiedAt >= 0 && closedAt >= 0 ? verifiedAt - closedAt : -1;
    }

    public boolean verified() {
        return VERIFIED.equals(outcome);
    }

    /** Reads the whole ledger. */
    public static List<Segment> read(Path file) {
        List<Segment> list = new ArrayList<>();
        JsonLinesReader.read(file, n -> list.add(new Segment(n.path(DEVICE_ID).asText(), n.path(SEGMENT_ID).asText(),
                n.path(OUTCOME).asText("unknown"), n.path(DUPLICATED).asBoolean(), n.path(BYTES).asLong(),
                n.path(CLOSED_AT).asLong(-1), n.path(UPLOADED_AT).asLong(-1), n.path(VERIFIED_AT).asLong(-1),
                n.path(PURGED_AT).asLong(-1), n.path(FAILED_ATTEMPTS).asLong(), n.path(REASON).asText(""))));
        return list;
    }

    /** Writes the ledger, a segment a line; the reason is written for the segments that did not end verified. */
    public static void write(Path file, Iterable<Segment> segments) throws IOException {
        try (JsonLinesWriter out = new JsonLinesWriter(file)) {
            for (Segment s : segments) {
                out.line(g -> {
                    g.writeStringField(DEVICE_ID, s.deviceId());
                    g.writeStringField(SEGMENT_ID, s.segmentId());
                    g.writeStringField(OUTCOME, s.outcome());
                    g.writeBooleanField(DUPLICATED, s.duplicated());
                    g.writeNumberField(BYTES, s.bytes());
                    g.writeNumberField(CLOSED_AT, s.closedAt());
                    g.writeNumberField(UPLOADED_AT, s.uploadedAt());
                    g.writeNumberField(VERIFIED_AT, s.verifiedAt());
                    g.writeNumberField(PURGED_AT, s.purgedAt());
                    g.writeNumberField(FAILED_ATTEMPTS, s.failedAttempts());
                    if (!s.verified()) {
                        g.writeStringField(REASON, s.reason());
                    }
                });
            }
        }
    }
}
