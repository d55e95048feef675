package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code segment.rejected}: the backend holds exactly the camera's bytes but refused them on a content check:
 * the camera keeps the segment and stops uploading it.
 */
public record SegmentRejected(String deviceId, long time, String segmentId, String sha256) implements CameraEvent {

    @Override
    public String type() {
        return "segment.rejected";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeStringField("sha256", sha256);
    }
}
