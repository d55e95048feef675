package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code storage.full}: no room left on the card: a recording stops or is refused [S68].
 *
 * @param freeBytes nominal bytes free
 */
public record StorageFull(String deviceId, long time, long freeBytes) implements CameraEvent {

    @Override
    public String type() {
        return "storage.full";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("freeBytes", freeBytes);
    }
}
