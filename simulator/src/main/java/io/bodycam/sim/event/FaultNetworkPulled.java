package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.networkPulled} (bench only): the camera's network was taken away (MQTT and HTTP alike)
 * for a while.
 */
public record FaultNetworkPulled(String deviceId, long time, long durationMs) implements BenchNote {

    @Override
    public String type() {
        return "fault.networkPulled";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("durationMs", durationMs);
    }
}
