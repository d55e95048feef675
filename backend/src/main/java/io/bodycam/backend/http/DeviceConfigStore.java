package io.bodycam.backend.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-camera configuration served at {@code GET /devices/{deviceId}/config}: empty at version 0
 * until the bench sets values. Thread-safe.
 */
public final class DeviceConfigStore {

    private final Map<String, DeviceConfig> configs = new ConcurrentHashMap<>();

    public DeviceConfig get(String deviceId) {
        return configs.getOrDefault(deviceId, DeviceConfig.EMPTY);
    }

    /** Merges {@code changes} into the camera's configuration and bumps its version; returns the result. */
    public DeviceConfig update(String deviceId, Map<String, String> changes) {
        return configs.merge(deviceId, new DeviceConfig(1, changes), (old, add) -> {
            Map<String, String> merged = new LinkedHashMap<>(old.values());
            merged.putAll(add.values());
            return new DeviceConfig(old.version() + 1, merged);
        });
    }
}
