package io.bodycam.backend.http;

import java.util.Map;

/** One camera's configuration as the backend serves it: a version that grows with every change, and the values. */
public record DeviceConfig(long version, Map<String, String> values) {

    /** What a camera gets before the bench set anything for it. */
    public static final DeviceConfig EMPTY = new DeviceConfig(0, Map.of());

    public DeviceConfig {
        values = Map.copyOf(values);
    }
}
