package io.bodycam.sim.camera;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a backend may change at run time, through the {@code setConfig} command or the
 * configuration pulled at dock time [S14]. Changes are all-or-nothing: one bad key or value and none
 * is applied.
 */
public record CameraSettings(Duration gpsIntervalRecording, Duration gpsIntervalIdle, Duration heartbeat,
                             Duration preEvent) {

    /** The keys a backend may set, as they appear in {@code setConfig} params and device config. */
    public static final java.util.List<String> KEYS =
            java.util.List.of("gpsIntervalRecording", "gpsIntervalIdle", "heartbeat", "preEventSeconds");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    static CameraSettings of(CameraConfig c) {
        return new CameraSettings(c.gpsIntervalRecording(), c.gpsIntervalIdle(), c.heartbeat(), c.preEvent());
    }

    /**
     * These settings with {@code changes} applied, or an exception naming the first bad key or value.
     * Values are strings: durations like {@code "10s"}, {@code preEventSeconds} a whole number 0..120.
     */
    public CameraSettings with(Map<String, String> changes) {
        Duration gpsRec = gpsIntervalRecording;
        Duration gpsIdle = gpsIntervalIdle;
        Duration beat = heartbeat;
        Duration pre = preEvent;
        for (Map.Entry<String, String> e : new LinkedHashMap<>(changes).entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "gpsIntervalRecording" -> gpsRec = duration(e.getKey(), v, 1_000, 3_600_000);
                case "gpsIntervalIdle" -> gpsIdle = duration(e.getKey(), v, 1_000, 86_400_000);
                case "heartbeat" -> beat = duration(e.getKey(), v, 1_000, 3_600_000);
                case "preEventSeconds" -> pre = Duration.ofSeconds(wholeNumber(e.getKey(), v, 0, 120));
                default -> throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; known: " + KEYS);
            }
        }
        return new CameraSettings(gpsRec, gpsIdle, beat, pre);
    }

    private static Duration duration(String key, String v, long minMs, long maxMs) {
        Matcher m = v == null ? null : DURATION.matcher(v.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(key + " must be a duration like \"10s\", \"500ms\", \"15m\", was " + quote(v));
        }
        long n = Long.parseLong(m.group(1));
        long ms = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        if (ms < minMs || ms > maxMs) {
            throw new IllegalArgumentException(key + " must be " + minMs / 1000 + "s.." + maxMs / 1000 + "s, was " + v);
        }
        return Duration.ofMillis(ms);
    }

    private static long wholeNumber(String key, String v, long min, long max) {
        try {
            long n = Long.parseLong(v == null ? "" : v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number " + min + ".." + max + ", was " + quote(v));
        }
    }

    private static String quote(String v) {
        return v == null ? "nothing" : "\"" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "\"";
    }
}
