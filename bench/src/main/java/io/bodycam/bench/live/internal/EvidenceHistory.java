package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.live.FleetCounters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The record's {@code evidence.jsonl} as counts over time: segments recorded (closed) and verified up
 * to a moment. Lost, corrupt and duplicated are the ledger's verdicts at the end of the run, so they
 * count from the end only; until then those segments are pending.
 */
public final class EvidenceHistory {

    private final long[] closed;
    private final long[] verified;
    private final long lost;
    private final long corrupt;
    private final long duplicated;

    private EvidenceHistory(long[] closed, long[] verified, long lost, long corrupt, long duplicated) {
        this.closed = closed;
        this.verified = verified;
        this.lost = lost;
        this.corrupt = corrupt;
        this.duplicated = duplicated;
    }

    public static EvidenceHistory read(Path file) throws IOException {
        long[][] times = {new long[256], new long[256]};
        int[] counts = new int[2];
        long[] verdicts = new long[3];
        JsonLineFile.scan(file, (offset, text) -> {
            JsonNode n;
            try {
                n = LiveJson.JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            add(times, counts, 0, n.path("closedAt").asLong(-1));
            if (n.path("outcome").asText().equals("verified")) {
                add(times, counts, 1, n.path("verifiedAt").asLong(-1));
            }
            switch (n.path("outcome").asText()) {
                case "lost" -> verdicts[0]++;
                case "corrupt" -> verdicts[1]++;
                default -> { }
            }
            if (n.path("duplicated").asBoolean()) {
                verdicts[2]++;
            }
        });
        long[] closed = Arrays.copyOf(times[0], counts[0]);
        long[] verified = Arrays.copyOf(times[1], counts[1]);
        Arrays.sort(closed);
        Arrays.sort(verified);
        return new EvidenceHistory(closed, verified, verdicts[0], verdicts[1], verdicts[2]);
    }

    private static void add(long[][] times, int[] counts, int which, long t) {
        if (t < 0) {
            return;
        }
        if (counts[which] == times[which].length) {
            times[which] = Arrays.copyOf(times[which], counts[which] * 2);
        }
        times[which][counts[which]++] = t;
    }

    /** The counts at {@code t}; {@code ended} once the replay reached the run's end. */
    public FleetCounters.Evidence at(long t, boolean ended) {
        long rec = upTo(closed, t);
        long ver = upTo(verified, t);
        if (!ended) {
            return new FleetCounters.Evidence(rec, ver, 0, 0, 0, rec - ver);
        }
        return new FleetCounters.Evidence(closed.length, verified.length, lost, duplicated, corrupt,
                Math.max(0, closed.length - verified.length - lost - corrupt));
    }

    private static long upTo(long[] sorted, long t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == t) {
            i++;
        }
        return i + 1;
    }
}
