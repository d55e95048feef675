package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.StopReason;

import java.io.IOException;

/**
 * {@code firmware.download.paused}: a firmware download stopped part-way; the next dock resumes it from
 * {@code offset}. A pause by undocking is published; one by a shutdown is told to the bench only (the
 * camera is going down), with the shutdown's reason.
 *
 * @param reason the shutdown that paused it; null when the camera was undocked
 */
public record FirmwareDownloadPaused(String deviceId, long time, String version, long offset, long bytes,
                                     StopReason reason) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.download.paused";
    }

    @Override
    public boolean published() {
        return reason == null;
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeNumberField("offset", offset);
        g.writeNumberField("bytes", bytes);
        if (reason != null) {
            g.writeStringField("reason", reason.wireName());
        }
    }
}
