package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code priorityUpload.started}: a priority upload of the latest recording began [S11].
 */
public record PriorityUploadStarted(String deviceId, long time, String recordingId, int segments,
                                    long bytes) implements CameraEvent {

    @Override
    public String type() {
        return "priorityUpload.started";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeNumberField("segments", segments);
        g.writeNumberField("bytes", bytes);
    }
}
