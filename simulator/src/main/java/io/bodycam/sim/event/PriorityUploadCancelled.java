package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.StopReason;

import java.io.IOException;

/**
 * {@code priorityUpload.cancelled}: a priority upload stopped before its end (a trigger, docking, the
 * officer, a command, an error, a shutdown) [S11]; what is left waits for the dock. After an
 * {@link StopReason#abrupt() abrupt} power loss only the bench hears of it.
 *
 * @param uploaded segments verified before
 * @param left     segments still on the camera
 */
public record PriorityUploadCancelled(String deviceId, long time, String recordingId, StopReason reason, int uploaded,
                                      int left) implements CameraEvent {

    @Override
    public String type() {
        return "priorityUpload.cancelled";
    }

    @Override
    public boolean published() {
        return !reason.abrupt();
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeStringField("reason", reason.wireName());
        g.writeNumberField("uploaded", uploaded);
        g.writeNumberField("left", left);
    }
}
