package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code upload.resumed} (bench only): a segment's upload finished by resuming an earlier one that was
 * cut off: only {@code sentBytes} of its {@code bytes} crossed the network this time.
 */
public record UploadResumed(String deviceId, long time, String segmentId, long sentBytes, long bytes)
        implements BenchNote {

    @Override
    public String type() {
        return "upload.resumed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeNumberField("sentBytes", sentBytes);
        g.writeNumberField("bytes", bytes);
    }
}
