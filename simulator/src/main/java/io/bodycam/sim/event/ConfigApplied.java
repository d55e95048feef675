package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code config.applied}: backend settings were applied, all of them.
 *
 * @param source {@code command}, or {@code dock v<version>} for the dock's config sync
 * @param keys the keys set, comma-separated
 */
public record ConfigApplied(String deviceId, long time, String source, String keys) implements CameraEvent {

    @Override
    public String type() {
        return "config.applied";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("source", source);
        g.writeStringField("keys", keys);
    }
}
