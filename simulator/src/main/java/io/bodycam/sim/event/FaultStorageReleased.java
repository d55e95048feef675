package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.storageReleased} (bench only): a scenario gave back the room it took.
 *
 * @param freeBytes nominal bytes free afterwards
 */
public record FaultStorageReleased(String deviceId, long time, long freeBytes) implements BenchNote {

    @Override
    public String type() {
        return "fault.storageReleased";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("freeBytes", freeBytes);
    }
}
