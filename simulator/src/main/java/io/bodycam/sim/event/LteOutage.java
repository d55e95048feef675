package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code lte.outage} (bench only): the camera's LTE radio dropped (a scenario's outage); it comes back after
 * {@code millis}.
 */
public record LteOutage(String deviceId, long time, long millis) implements BenchNote {

    @Override
    public String type() {
        return "lte.outage";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("millis", millis);
    }
}
