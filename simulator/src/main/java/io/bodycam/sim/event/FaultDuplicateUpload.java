package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.duplicateUpload} (bench only): a scenario makes the camera upload a verified segment once more.
 */
public record FaultDuplicateUpload(String deviceId, long time, String segmentId) implements BenchNote {

    @Override
    public String type() {
        return "fault.duplicateUpload";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
    }
}
