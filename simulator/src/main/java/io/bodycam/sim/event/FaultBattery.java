package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.battery} (bench only): a scenario set the battery level.
 */
public record FaultBattery(String deviceId, long time, double pct) implements BenchNote {

    @Override
    public String type() {
        return "fault.battery";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("pct", pct);
    }
}
