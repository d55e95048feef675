package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code reboot}: the firmware restarts: a command, an applied update ({@code firmware 4.13.0}), a fault.
 *
 * @param reason why, as free text
 */
public record Reboot(String deviceId, long time, String reason) implements CameraEvent {

    @Override
    public String type() {
        return "reboot";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("reason", reason);
    }
}
