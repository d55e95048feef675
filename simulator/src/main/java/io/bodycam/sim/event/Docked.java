package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code docked}: the camera went into its dock: charging, syncing, uploading.
 */
public record Docked(String deviceId, long time) implements CameraEvent {

    @Override
    public String type() {
        return "docked";
    }

    @Override
    public void writeFields(JsonGenerator g) {
    }
}
