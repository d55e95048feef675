package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code segment.purged}: a verified segment was deleted from the card.
 */
public record SegmentPurged(String deviceId, long time, String segmentId) implements CameraEvent {

    @Override
    public String type() {
        return "segment.purged";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
    }
}
