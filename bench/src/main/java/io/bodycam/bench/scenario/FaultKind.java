package io.bodycam.bench.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The faults a timeline can name (docs/faults.md): on the network between cameras and backend
 * (through the fault proxies), on the broker, on the evidence server's HTTP, and in the cameras.
 */
public enum FaultKind {
    NETWORK_LATENCY, NETWORK_BANDWIDTH, NETWORK_SLICER, NETWORK_RESET, NETWORK_BLACKHOLE, NETWORK_LIMIT_DATA, NETWORK_DOWN,
    BROKER_RESTART,
    HTTP_ERRORS, HTTP_SLOW, HTTP_LOST_RESPONSE,
    CAMERA_REBOOT, CAMERA_POWER_LOSS, CAMERA_STORAGE_FULL, CAMERA_BATTERY_EXHAUSTION, CAMERA_CLOCK_SKEW, CAMERA_GPS_LOSS,
    CAMERA_CORRUPT_SEGMENT, CAMERA_DUPLICATE_UPLOAD;

    /** Faults on the network, acting on the fault proxies of the selected groups. */
    public boolean network() {
        return name().startsWith("NETWORK_");
    }

    /** Faults that hit the backend once, not each selected camera. */
    public boolean backend() {
        return this == BROKER_RESTART || name().startsWith("HTTP_");
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
