package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.clockSkew} (bench only): a scenario moved the camera's clock.
 */
public record FaultClockSkew(String deviceId, long time, long skewMs) implements BenchNote {

    @Override
    public String type() {
        return "fault.clockSkew";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("skewMs", skewMs);
    }
}
