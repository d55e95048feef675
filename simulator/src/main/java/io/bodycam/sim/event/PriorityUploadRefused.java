package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code priorityUpload.refused} (bench only): the officer chose Priority Upload and the camera could not.
 */
public record PriorityUploadRefused(String deviceId, long time, String reason) implements BenchNote {

    @Override
    public String type() {
        return "priorityUpload.refused";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("reason", reason);
    }
}
