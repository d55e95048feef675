package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.applied}: the camera booted into a new firmware version.
 */
public record FirmwareApplied(String deviceId, long time, String from, String to) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.applied";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("from", from);
        g.writeStringField("to", to);
    }
}
