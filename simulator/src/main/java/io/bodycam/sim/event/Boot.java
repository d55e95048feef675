package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code boot}: the camera finished booting.
 *
 * @param firmware the firmware version running
 * @param boots times the camera was switched on
 * @param recovered segments kept of a recording a power loss interrupted; 0 normally
 */
public record Boot(String deviceId, long time, String firmware, int boots, int recovered) implements CameraEvent {

    @Override
    public String type() {
        return "boot";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("firmware", firmware);
        g.writeNumberField("boots", boots);
        g.writeNumberField("recovered", recovered);
    }
}
