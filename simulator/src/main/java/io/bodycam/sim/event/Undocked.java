package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code undocked}: the camera left its dock; unfinished uploads wait for the next dock.
 */
public record Undocked(String deviceId, long time) implements CameraEvent {

    @Override
    public String type() {
        return "undocked";
    }

    @Override
    public void writeFields(JsonGenerator g) {
    }
}
