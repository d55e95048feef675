package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code segment.damaged}: after a corrupt verdict the camera's own copy no longer matches its hash: it keeps
 * the segment and stops uploading it.
 *
 * @param sha256 hashed while recording
 * @param readSha256 what the backend got
 */
public record SegmentDamaged(String deviceId, long time, String segmentId, String sha256,
                             String readSha256) implements CameraEvent {

    @Override
    public String type() {
        return "segment.damaged";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeStringField("sha256", sha256);
        g.writeStringField("readSha256", readSha256);
    }
}
