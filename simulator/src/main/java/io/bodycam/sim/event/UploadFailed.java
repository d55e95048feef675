package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code upload.failed}: an upload or its verification failed: the camera keeps the segment and tries again.
 */
public record UploadFailed(String deviceId, long time, String segmentId, String error) implements CameraEvent {

    @Override
    public String type() {
        return "upload.failed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeStringField("error", error);
    }
}
