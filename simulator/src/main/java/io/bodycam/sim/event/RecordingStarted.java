package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.Trigger;

import java.io.IOException;

/**
 * {@code recording.started}: a recording opened, with the pre-event buffer as its head.
 *
 * @param preEventSeconds pre-event capture it starts with
 * @param category        the officer's category ({@code uncategorized} unless given)
 */
public record RecordingStarted(String deviceId, long time, String recordingId, Trigger trigger, double preEventSeconds,
                               String category) implements CameraEvent {

    @Override
    public String type() {
        return "recording.started";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeStringField("trigger", trigger.wireName());
        g.writeNumberField("preEventSeconds", preEventSeconds);
        g.writeStringField("category", category);
    }
}
