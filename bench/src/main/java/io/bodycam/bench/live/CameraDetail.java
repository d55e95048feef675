package io.bodycam.bench.live;

import io.bodycam.sim.camera.CameraSnapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dashboard shows when one camera is clicked: its state, its full snapshot when the camera is
 * live, and its latest events.
 *
 * @param snapshot the camera's own state copy; empty in a replay, where only the record's events exist
 * @param events   the latest events, oldest first
 */
public record CameraDetail(String deviceId, String group, CameraState state, Optional<CameraSnapshot> snapshot,
                           List<EventLine> events) {

    public CameraDetail {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(snapshot, "snapshot");
        events = List.copyOf(events);
    }
}
