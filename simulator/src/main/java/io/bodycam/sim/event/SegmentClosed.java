package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code segment.closed}: a segment of a recording was closed and stored, with its SHA-256 (in mp4 mode once
 * its file is complete).
 *
 * @param index 0 for the first segment
 * @param bytes payload bytes on the card
 * @param nominalBytes what a real camera would hold
 * @param sha256 hashed while recording (mp4: of the final file)
 * @param start capture time of its first byte, pre-event included
 * @param preEventSeconds pre-event capture at its head
 */
public record SegmentClosed(String deviceId, long time, String recordingId, String segmentId, int index, long bytes,
                            long nominalBytes, String sha256, long start, long end,
                            double preEventSeconds) implements CameraEvent {

    @Override
    public String type() {
        return "segment.closed";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeStringField("segmentId", segmentId);
        g.writeNumberField("index", index);
        g.writeNumberField("bytes", bytes);
        g.writeNumberField("nominalBytes", nominalBytes);
        g.writeStringField("sha256", sha256);
        g.writeNumberField("start", start);
        g.writeNumberField("end", end);
        g.writeNumberField("preEventSeconds", preEventSeconds);
    }
}
