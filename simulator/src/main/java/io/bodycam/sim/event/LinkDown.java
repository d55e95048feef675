package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code link.down} (bench only): the MQTT link is down.
 */
public record LinkDown(String deviceId, long time, String reason) implements BenchNote {

    @Override
    public String type() {
        return "link.down";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("reason", reason);
    }
}
