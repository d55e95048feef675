package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code upload.verified}: the backend confirmed a segment with the camera's own SHA-256.
 */
public record UploadVerified(String deviceId, long time, String segmentId, String sha256) implements CameraEvent {

    @Override
    public String type() {
        return "upload.verified";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeStringField("sha256", sha256);
    }
}
