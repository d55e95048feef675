package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.download.started}: a firmware download began, or resumed.
 *
 * @param offset 0, or where a resumed download goes on
 */
public record FirmwareDownloadStarted(String deviceId, long time, String version, long offset,
                                      long bytes) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.download.started";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeNumberField("offset", offset);
        g.writeNumberField("bytes", bytes);
    }
}
