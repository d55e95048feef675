package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code segment.unprovable}: the upload completed but the profile's proof cannot tell whether the store
 * holds the camera's bytes (proof {@code none}, or a store that serves nothing back): the camera keeps the
 * segment, never deletes it and never sends it again.
 */
public record SegmentUnprovable(String deviceId, long time, String segmentId, String sha256) implements CameraEvent {

    @Override
    public String type() {
        return "segment.unprovable";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeStringField("sha256", sha256);
    }
}
