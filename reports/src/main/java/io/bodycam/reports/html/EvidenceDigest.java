package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.files.Camera;
import io.bodycam.record.files.ProblemEvents;
import io.bodycam.record.files.Segment;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence ledger for the page: totals per outcome, the worst cameras (what went wrong on them
 * first), the segments that did not end verified (the first {@value #MAX_ROWS}), and the breakdown by
 * fleet group (cameras, evidence, upload failures, trouble reported, record-to-verified p99).
 */
final class EvidenceDigest {

    static final int MAX_ROWS = 200;
    static final int WORST = 15;

    /** One camera's or one group's tally. */
    private static final class Tally {
        final String name;
        String group = "";
        int cameras;
        long segments;
        long bytes;
        long failedAttempts;
        long problems;
        long duplicated;
        final Map<String, Long> outcomes = new LinkedHashMap<>();
        final Histogram recordToVerified = new Histogram(3);

        Tally(String name) {
            this.name = name;
        }

        void add(Segment s) {
            segments++;
            bytes += s.bytes();
            failedAttempts += s.failedAttempts();
            outcomes.merge(s.outcome(), 1L, Long::sum);
            if (s.duplicated()) {
                duplicated++;
            }
            if (s.recordToVerifiedMillis() >= 0) {
                recordToVerified.recordValue(s.recordToVerifiedMillis());
            }
        }

        long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /** Worse first: lost and corrupt, then duplicated, pending, failed attempts, reported trouble. */
        long badness() {
            return (count("lost") + count("corrupt")) * 1_000_000L + duplicated * 10_000L + count("pending") * 100L
                    + failedAttempts * 10L + problems;
        }

        ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("name", name);
            o.put("group", group);
            if (cameras > 0) {
                o.put("cameras", cameras);
            }
            o.put("segments", segments);
            for (String outcome : Segment.OUTCOMES) {
                o.put(outcome, count(outcome));
            }
            o.put("duplicated", duplicated);
            Json.put(o, "mb", bytes / 1e6);
            o.put("failedAttempts", failedAttempts);
            o.put("problems", problems);
            Json.put(o, "r2vP99", recordToVerified.getTotalCount() == 0 ? Double.NaN : recordToVerified.getValueAtPercentile(99));
            return o;
        }
    }

    private EvidenceDigest() {
    }

    static void into(ObjectNode run, List<Segment> segments, List<Camera> roster, ProblemEvents.Digest problems) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        Map<String, Tally> groups = new LinkedHashMap<>();
        for (Camera c : roster) {
            groupOf.put(c.deviceId(), c.group());
            groups.computeIfAbsent(c.group(), Tally::new).cameras++;
        }
        Map<String, Tally> cameras = new LinkedHashMap<>();
        Tally all = new Tally("all");
        List<Segment> bad = new ArrayList<>();
        for (Segment s : segments) {
            all.add(s);
            cameras.computeIfAbsent(s.deviceId(), Tally::new).add(s);
            groups.computeIfAbsent(groupOf.getOrDefault(s.deviceId(), "(not in roster)"), Tally::new).add(s);
            if (!s.verified() || s.duplicated()) {
                bad.add(s);
            }
        }
        problems.perDevice().forEach((device, n) -> {
            cameras.computeIfAbsent(device, Tally::new).problems += n;
            groups.computeIfAbsent(groupOf.getOrDefault(device, "(not in roster)"), Tally::new).problems += n;
        });
        cameras.values().forEach(t -> t.group = groupOf.getOrDefault(t.name, ""));

        ObjectNode e = run.putObject("evidence");
        e.set("all", all.json());
        ArrayNode worst = e.putArray("worst");
        cameras.values().stream().filter(t -> t.badness() > 0)
                .sorted(Comparator.comparingLong(Tally::badness).reversed().thenComparing(t -> t.name))
                .limit(WORST).forEach(t -> worst.add(t.json()));
        e.put("problemsTotal", bad.size());
        ArrayNode rows = e.putArray("problems");
        bad.stream().sorted(Comparator.comparing((Segment s) -> rank(s.outcome())).thenComparing(Segment::deviceId)
                .thenComparing(Segment::segmentId)).limit(MAX_ROWS).forEach(s -> {
                    ObjectNode r = rows.addObject();
                    r.put("deviceId", s.deviceId());
                    r.put("segmentId", s.segmentId());
                    r.put("outcome", s.outcome() + (s.duplicated() ? ", duplicated" : ""));
                    r.put("reason", s.reason().isEmpty() && s.duplicated() ? "backend accepted it more than once" : s.reason());
                });
        ArrayNode g = run.putArray("groups");
        groups.values().forEach(t -> g.add(t.json()));
    }

    private static int rank(String outcome) {
        return switch (outcome) {
            case "lost" -> 0;
            case "corrupt" -> 1;
            case "pending" -> 2;
            default -> 3;
        };
    }
}
