package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code upload.completed}: a segment's bytes are all on the backend (not verified yet).
 *
 * @param bytes   the segment's length
 * @param overLte true for a priority upload over the camera's LTE radio [S11] ({@code "via":"lte"}), false
 *                over the dock
 */
public record UploadCompleted(String deviceId, long time, String segmentId, long bytes, boolean overLte)
        implements CameraEvent {

    @Override
    public String type() {
        return "upload.completed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeNumberField("bytes", bytes);
        if (overLte) {
            g.writeStringField("via", "lte");
        }
    }
}
