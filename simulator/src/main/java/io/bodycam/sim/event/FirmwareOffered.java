package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.offered}: a firmware offer was taken.
 *
 * @param source {@code command} or {@code dock}
 * @param slot the moment this camera picked in the window, backend clock
 */
public record FirmwareOffered(String deviceId, long time, String version, String source, long bytes, long windowStart,
                              long windowEnd, long slot) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.offered";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeStringField("source", source);
        g.writeNumberField("bytes", bytes);
        g.writeNumberField("windowStart", windowStart);
        g.writeNumberField("windowEnd", windowEnd);
        g.writeNumberField("slot", slot);
    }
}
