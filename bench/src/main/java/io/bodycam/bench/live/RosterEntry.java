package io.bodycam.bench.live;

import java.util.Objects;

/** One camera of the fleet as the dashboard lists it: its device id and the fleet group it belongs to. */
public record RosterEntry(String deviceId, String group) {

    public RosterEntry {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(group, "group");
        if (deviceId.isEmpty()) {
            throw new IllegalArgumentException("deviceId must not be empty");
        }
    }
}
