package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.ErrorCode;

import java.io.IOException;

/**
 * {@code error}: something went wrong that the backend should know of.
 *
 * @param segmentId the segment concerned ({@link ErrorCode#SEGMENT_WRITE}); null otherwise
 */
public record CameraError(String deviceId, long time, ErrorCode code, String segmentId, String message)
        implements CameraEvent {

    /** An error about no segment in particular. */
    public CameraError(String deviceId, long time, ErrorCode code, String message) {
        this(deviceId, time, code, null, message);
    }

    @Override
    public String type() {
        return "error";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("code", code.wireName());
        if (segmentId != null) {
            g.writeStringField("segmentId", segmentId);
        }
        g.writeStringField("message", message);
    }
}
