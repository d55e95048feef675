package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code upload.progress} (bench only): the server accepted a piece of a segment's upload and now holds
 * {@code committedBytes} of its {@code bytes} (the tus offset it answered; for S3, the bytes of the
 * parts it holds). What a script waits for before it cuts an upload that must resume: once the backend
 * holds part of the segment, the next upload of it sends only the rest.
 */
public record UploadProgress(String deviceId, long time, String segmentId, long committedBytes, long bytes)
        implements BenchNote {

    @Override
    public String type() {
        return "upload.progress";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("segmentId", segmentId);
        g.writeNumberField("committedBytes", committedBytes);
        g.writeNumberField("bytes", bytes);
    }
}
