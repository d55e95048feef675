package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code link.up} (bench only): the MQTT link is up (after a CONNACK).
 */
public record LinkUp(String deviceId, long time) implements BenchNote {

    @Override
    public String type() {
        return "link.up";
    }

    @Override
    public void writeFields(JsonGenerator g) {
    }
}
