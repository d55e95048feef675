package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.clockDrift} (bench only): a scenario made the camera's clock drift.
 */
public record FaultClockDrift(String deviceId, long time, double ppm) implements BenchNote {

    @Override
    public String type() {
        return "fault.clockDrift";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("ppm", ppm);
    }
}
