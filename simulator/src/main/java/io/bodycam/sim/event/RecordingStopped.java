package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.StopReason;

import java.io.IOException;

/**
 * {@code recording.stopped}: a recording was closed.
 *
 * @param durationMs from the trigger to the stop
 * @param segments   segments closed
 */
public record RecordingStopped(String deviceId, long time, String recordingId, StopReason reason, long durationMs,
                               int segments) implements CameraEvent {

    @Override
    public String type() {
        return "recording.stopped";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeStringField("reason", reason.wireName());
        g.writeNumberField("durationMs", durationMs);
        g.writeNumberField("segments", segments);
    }
}
