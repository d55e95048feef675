package io.bodycam.record.files;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trouble the cameras reported, read from {@code events.jsonl} and grouped by kind: {@code error}
 * events by their {@code code}, failed upload attempts, reboots and link losses by reason, full
 * storage, critical battery, firmware images rejected (by reason) and applies cut short, failed priority
 * uploads. Each group keeps its count, the cameras it hit and its first occurrence. A link closed on
 * purpose (reason {@code stopped ...}: the camera powered off) and the reboot into new firmware
 * (reason {@code firmware ...}) are not trouble.
 */
public final class ProblemEvents {

    static final Set<String> TYPES = Set.of("error", "upload.failed", "reboot", "link.down", "storage.full", "battery.critical",
            "firmware.rejected", "firmware.interrupted", "priorityUpload.failed");

    /**
     * One kind of trouble.
     *
     * @param firstWallMs wall milliseconds from the start of the event log to the first occurrence
     * @param firstAt     virtual epoch milliseconds of the first occurrence
     */
    public record Group(String kind, long count, int devices, long firstWallMs, long firstAt, String firstDevice,
                        String firstMessage) {
    }

    /** Every group, the most frequent first, and the problem count per camera. */
    public record Digest(List<Group> groups, Map<String, Long> perDevice) {
    }

    private static final class Builder {
        long count;
        final Set<String> devices = new HashSet<>();
        long firstWallMs;
        long firstAt;
        String firstDevice;
        String firstMessage;
    }

    private ProblemEvents() {
    }

    public static Digest read(Path eventsFile) {
        Map<String, Builder> groups = new LinkedHashMap<>();
        Map<String, Long> perDevice = new HashMap<>();
        JsonLinesReader.read(eventsFile, ProblemEvents::worthParsing, n -> {
            if (n.path("type").asText().equals("link.down") && n.path("reason").asText().startsWith("stopped")
                    || n.path("type").asText().equals("reboot") && n.path("reason").asText().startsWith("firmware ")) {
                return;
            }
            String device = n.path("deviceId").asText();
            String kind = kind(n);
            Builder b = groups.computeIfAbsent(kind, k -> new Builder());
            if (b.count++ == 0) {
                b.firstWallMs = n.path("wallMs").asLong();
                b.firstAt = n.path("t").asLong();
                b.firstDevice = device;
                b.firstMessage = message(n);
            }
            b.devices.add(device);
            perDevice.merge(device, 1L, Long::sum);
        });
        List<Group> list = new ArrayList<>();
        groups.forEach((k, b) -> list.add(new Group(k, b.count, b.devices.size(), b.firstWallMs, b.firstAt, b.firstDevice, b.firstMessage)));
        list.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::kind));
        return new Digest(list, perDevice);
    }

    /** Parses only lines whose type is one of {@link #TYPES}: the event log is mostly routine. */
    static boolean worthParsing(String line) {
        int at = line.indexOf("\"type\":\"");
        if (at < 0) {
            return false;
        }
        int start = at + 8;
        int end = line.indexOf('"', start);
        return end > start && TYPES.contains(line.substring(start, end));
    }

    private static String kind(JsonNode n) {
        String type = n.path("type").asText();
        return switch (type) {
            case "error" -> "error: " + n.path("code").asText("unknown");
            case "reboot", "link.down", "firmware.rejected", "firmware.interrupted" ->
                    type + ": " + firstClause(n.path("reason").asText("unknown"));
            default -> type;
        };
    }

    private static String message(JsonNode n) {
        for (String field : List.of("message", "error", "reason")) {
            if (n.hasNonNull(field)) {
                return n.path(field).asText();
            }
        }
        return "";
    }

    private static String firstClause(String reason) {
        int cut = reason.indexOf(':');
        String s = cut > 0 ? reason.substring(0, cut) : reason;
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
