package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code fault.segmentDamaged} (bench only): a scenario damaged a segment on the card right after it was
 * hashed.
 */
public record FaultSegmentDamaged(String deviceId, long time, String segmentId) implements BenchNote {

    @Override
    public String type() {
        return "fault.segmentDamaged";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
    }
}
