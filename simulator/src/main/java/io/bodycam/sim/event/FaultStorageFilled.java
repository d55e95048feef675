package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.storageFilled} (bench only): a scenario filled the card's free room.
 *
 * @param freeBytes nominal bytes free afterwards
 */
public record FaultStorageFilled(String deviceId, long time, long freeBytes) implements BenchNote {

    @Override
    public String type() {
        return "fault.storageFilled";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("freeBytes", freeBytes);
    }
}
