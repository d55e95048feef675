package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.gpsLoss} (bench only): a scenario took the GPS fix away.
 */
public record FaultGpsLoss(String deviceId, long time, long durationMs) implements BenchNote {

    @Override
    public String type() {
        return "fault.gpsLoss";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("durationMs", durationMs);
    }
}
