package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code battery.critical}: the battery fell below the critical level [S32].
 *
 * @param pct the level, one decimal
 */
public record BatteryCritical(String deviceId, long time, double pct) implements CameraEvent {

    @Override
    public String type() {
        return "battery.critical";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("pct", pct);
    }
}
