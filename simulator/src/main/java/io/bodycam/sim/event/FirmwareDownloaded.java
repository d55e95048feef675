package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.downloaded}: the image hashed right and its signature verified: staged.
 *
 * @param durationMs from the first byte asked to the last verified
 */
public record FirmwareDownloaded(String deviceId, long time, String version, long bytes, String sha256,
                                 long durationMs, int resumes) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.downloaded";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeNumberField("bytes", bytes);
        g.writeStringField("sha256", sha256);
        g.writeNumberField("durationMs", durationMs);
        g.writeNumberField("resumes", resumes);
    }
}
