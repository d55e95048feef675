package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.units.DataRates;
import io.bodycam.bench.scenario.units.DataSizes;
import io.bodycam.bench.scenario.units.Durations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code params} each fault kind takes, with their defaults: checked when the scenario is loaded
 * ({@link #check}) and read, typed, when the fault happens. docs/faults.md lists them.
 */
public final class FaultParams {

    private static final Map<FaultKind, List<String>> KEYS = new LinkedHashMap<>();

    static {
        List<String> network = List.of("target", "stream", "toxicity");
        KEYS.put(FaultKind.NETWORK_LATENCY, concat(network, "latency", "jitter"));
        KEYS.put(FaultKind.NETWORK_BANDWIDTH, concat(network, "rate"));
        KEYS.put(FaultKind.NETWORK_SLICER, concat(network, "averageSize", "sizeVariation", "delay"));
        KEYS.put(FaultKind.NETWORK_RESET, concat(network, "after"));
        KEYS.put(FaultKind.NETWORK_BLACKHOLE, network);
        KEYS.put(FaultKind.NETWORK_LIMIT_DATA, concat(network, "bytes"));
        KEYS.put(FaultKind.NETWORK_DOWN, List.of("target"));
        KEYS.put(FaultKind.BROKER_RESTART, List.of("sessions"));
        KEYS.put(FaultKind.HTTP_ERRORS, List.of("share", "status"));
        KEYS.put(FaultKind.HTTP_SLOW, List.of("delay"));
        KEYS.put(FaultKind.HTTP_LOST_RESPONSE, List.of("share", "mode"));
        KEYS.put(FaultKind.CAMERA_REBOOT, List.of());
        KEYS.put(FaultKind.CAMERA_POWER_LOSS, List.of());
        KEYS.put(FaultKind.CAMERA_STORAGE_FULL, List.of());
        KEYS.put(FaultKind.CAMERA_BATTERY_EXHAUSTION, List.of("level"));
        KEYS.put(FaultKind.CAMERA_CLOCK_SKEW, List.of("by", "driftPpm"));
        KEYS.put(FaultKind.CAMERA_GPS_LOSS, List.of());
        KEYS.put(FaultKind.CAMERA_CORRUPT_SEGMENT, List.of());
        KEYS.put(FaultKind.CAMERA_DUPLICATE_UPLOAD, List.of());
    }

    private final Map<String, String> params;

    public FaultParams(Map<String, String> params) {
        this.params = params;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return List.copyOf(all);
    }

    /** What is wrong with {@code params} for {@code kind}, if anything (the first problem). */
    public static Optional<String> check(FaultKind kind, Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!KEYS.get(kind).contains(key)) {
                return Optional.of("fault " + kind.wireName() + " takes no param '" + key + "'"
                        + (KEYS.get(kind).isEmpty() ? "" : "; it takes " + KEYS.get(kind)));
            }
        }
        FaultParams p = new FaultParams(params);
        try {
            p.target();
            p.stream();
            p.fraction("toxicity", 1);
            p.fraction("share", 0.1);
            p.duration("latency", Duration.ZERO);
            p.duration("jitter", Duration.ZERO);
            p.duration("delay", Duration.ZERO);
            p.duration("after", Duration.ZERO);
            p.offset("by", Duration.ZERO);
            p.bytesPerSecond();
            p.size("bytes", 0);
            p.whole("averageSize", 64, 1, 1 << 20);
            p.whole("sizeVariation", 0, 0, 1 << 20);
            p.whole("status", 503, 500, 599);
            p.decimal("level", 0, 0, 100);
            p.decimal("driftPpm", 0, -10_000, 10_000);
            p.lostMode();
            p.sessions();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("fault " + kind.wireName() + ": " + e.getMessage());
        }
    }

    /** Which proxies a network fault hits: {@code mqtt}, {@code http} or {@code both} (the default). */
    public String target() {
        return oneOf("target", "both", "mqtt", "http", "both");
    }

    /** {@code upstream}, {@code downstream} or {@code both} (the default). */
    public String stream() {
        return oneOf("stream", "both", "upstream", "downstream", "both");
    }

    /**
     * What a broker restart does to the MQTT sessions: {@code lost} (the default: a crash without
     * persistence, every session, queued and retained message gone) or {@code kept} (a clean restart of a
     * broker that persists them).
     */
    public String sessions() {
        return oneOf("sessions", "lost", "lost", "kept");
    }

    /** True if some broker restart of {@code scenario} keeps the sessions: the broker must persist them. */
    public static boolean keepsBrokerSessions(Scenario scenario) {
        return scenario.timeline().stream().anyMatch(e -> e.action() instanceof TimelineEvent.Fault f
                && f.fault() == FaultKind.BROKER_RESTART && "kept".equals(new FaultParams(f.params()).sessions()));
    }

    /** {@code close} (the default) or {@code hang}. */
    public String lostMode() {
        return oneOf("mode", "close", "close", "hang");
    }

    public Duration duration(String key, Duration otherwise) {
        String v = params.get(key);
        if (v == null) {
            return otherwise;
        }
        Duration d = Durations.parse(v);
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + " must be >= 0, was " + v);
        }
        return d;
    }

    /** A duration that may be negative (a clock set back): {@code -5m}. */
    public Duration offset(String key, Duration otherwise) {
        String v = params.get(key);
        return v == null ? otherwise : Durations.parse(v);
    }

    /** A share 0..1, written 0.1 or 10%. */
    public double fraction(String key, double otherwise) {
        String v = params.get(key);
        if (v == null) {
            return otherwise;
        }
        double d = v.strip().endsWith("%") ? Double.parseDouble(v.strip().replace("%", "")) / 100 : parse(key, v);
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(key + " must be 0..1 (or 0%..100%), was " + v);
        }
        return d;
    }

    public double decimal(String key, double otherwise, double min, double max) {
        String v = params.get(key);
        double d = v == null ? otherwise : parse(key, v);
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + v);
        }
        return d;
    }

    public int whole(String key, int otherwise, int min, int max) {
        return (int) decimal(key, otherwise, min, max);
    }

    /** A size, written with its unit (10kB, 1MiB). */
    public long size(String key, long otherwise) {
        String v = params.get(key);
        return v == null ? otherwise : DataSizes.parse(v);
    }

    /** The {@code rate} of a bandwidth limit, in bytes per second (written 1Mbit/s, 200kB/s); 1 Mbit/s by default. */
    public long bytesPerSecond() {
        String v = params.get("rate");
        return v == null ? 125_000 : Math.max(1, (long) (DataRates.parse(v) / 8));
    }

    private String oneOf(String key, String otherwise, String... allowed) {
        String v = params.getOrDefault(key, otherwise);
        if (!List.of(allowed).contains(v)) {
            throw new IllegalArgumentException(key + " must be one of " + List.of(allowed) + ", was '" + v + "'");
        }
        return v;
    }

    private static double parse(String key, String v) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
    }
}
