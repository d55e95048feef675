package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.download.failed}: a range request of a firmware download failed; retried after the retry
 * delay.
 */
public record FirmwareDownloadFailed(String deviceId, long time, String version, long offset,
                                     String error) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.download.failed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeNumberField("offset", offset);
        g.writeStringField("error", error);
    }
}
