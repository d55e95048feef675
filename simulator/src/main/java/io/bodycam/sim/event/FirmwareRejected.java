package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.rejected}: an image or offer was refused (bad signature, hash mismatch, rollback): the
 * camera keeps its firmware.
 */
public record FirmwareRejected(String deviceId, long time, String version, String reason) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.rejected";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeStringField("reason", reason);
    }
}
