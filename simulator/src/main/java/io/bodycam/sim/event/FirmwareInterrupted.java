package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code firmware.interrupted}: an apply was cut; the old firmware runs, the staged image is applied at the
 * next dock.
 *
 * @param reason {@code undocked mid-apply}, {@code power loss mid-apply}, ...
 * @param running the version still running
 */
public record FirmwareInterrupted(String deviceId, long time, String version, String reason,
                                  String running) implements CameraEvent {

    @Override
    public String type() {
        return "firmware.interrupted";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("version", version);
        g.writeStringField("reason", reason);
        g.writeStringField("running", running);
    }
}
