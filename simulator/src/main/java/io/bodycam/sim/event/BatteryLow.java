package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code battery.low}: the battery fell below the low level [S12].
 *
 * @param pct the level, one decimal
 */
public record BatteryLow(String deviceId, long time, double pct) implements CameraEvent {

    @Override
    public String type() {
        return "battery.low";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("pct", pct);
    }
}
