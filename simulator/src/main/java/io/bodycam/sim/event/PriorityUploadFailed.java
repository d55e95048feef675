package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code priorityUpload.failed}: an upload or verification of the priority upload failed: what is left waits
 * for the dock.
 *
 * @param uploaded segments verified before
 */
public record PriorityUploadFailed(String deviceId, long time, String recordingId, String error,
                                   int uploaded) implements CameraEvent {

    @Override
    public String type() {
        return "priorityUpload.failed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeStringField("error", error);
        g.writeNumberField("uploaded", uploaded);
    }
}
