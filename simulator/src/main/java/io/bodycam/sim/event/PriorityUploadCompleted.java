package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code priorityUpload.completed}: every segment of the priority upload was verified and deleted ("UPLOAD
 * COMPLETE" [S11]).
 */
public record PriorityUploadCompleted(String deviceId, long time, String recordingId, int segments,
                                      long bytes) implements CameraEvent {

    @Override
    public String type() {
        return "priorityUpload.completed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeNumberField("segments", segments);
        g.writeNumberField("bytes", bytes);
    }
}
