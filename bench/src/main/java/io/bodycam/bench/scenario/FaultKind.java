package io.bodycam.bench.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The faults a timeline can name (issue "Faults and bad input"). Every kind is accepted by the
 * scenario language; {@link #runnable()} says which the runner can carry out in this version, and a
 * scenario that uses another is refused before it starts, with the reason.
 */
public enum FaultKind {
    NETWORK_LATENCY(false), NETWORK_BANDWIDTH(false), NETWORK_SLICER(false), NETWORK_RESET(false),
    NETWORK_BLACKHOLE(false), NETWORK_LIMIT_DATA(false), NETWORK_DOWN(false),
    BROKER_RESTART(true),
    HTTP_ERRORS(false), HTTP_SLOW(false), HTTP_LOST_RESPONSE(false),
    CAMERA_REBOOT(true), CAMERA_POWER_LOSS(false), CAMERA_STORAGE_FULL(false), CAMERA_BATTERY_EXHAUSTION(false),
    CAMERA_CLOCK_SKEW(false), CAMERA_GPS_LOSS(false), CAMERA_CORRUPT_SEGMENT(false), CAMERA_DUPLICATE_UPLOAD(false);

    private final boolean runnable;

    FaultKind(boolean runnable) {
        this.runnable = runnable;
    }

    /** Whether this version of the runner can carry the fault out. */
    public boolean runnable() {
        return runnable;
    }

    /** The name in scenario files: {@code broker-restart}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FaultKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(FaultKind::wireName).toList();
    }
}
