package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code time.synced}: the dock's time sync set the camera's clock [S8].
 *
 * @param offsetMs the correction applied, in ms
 */
public record TimeSynced(String deviceId, long time, long offsetMs) implements CameraEvent {

    @Override
    public String type() {
        return "time.synced";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("offsetMs", offsetMs);
    }
}
