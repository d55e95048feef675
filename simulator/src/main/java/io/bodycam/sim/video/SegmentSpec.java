package io.bodycam.sim.video;

import io.bodycam.sim.gps.GpsFix;

import java.util.List;
import java.util.Objects;

/**
 * What one segment file must show: who recorded it, when, its pre-event part and where the camera was
 * (its 1 Hz fixes over the segment, from its own GPS receiver). {@code variant} picks the template clip
 * and the second it starts at, so that two segments of one camera also look different.
 *
 * @param start          capture time of the first frame (for the first segment: trigger minus pre-event)
 * @param end            capture time after the last frame
 * @param preEventMillis how much of the segment came from the pre-event buffer (video only unless the
 *                       format has audio in the buffer [S1])
 * @param track          the camera's fixes taken during {@code [start, end)}, in time order
 */
public record SegmentSpec(String deviceId, String officer, String agency, String recordingId, String segmentId,
                          int index, long start, long end, long preEventMillis, String trigger, String category,
                          List<GpsFix> track, long variant) {

    public SegmentSpec {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(category, "category");
        track = List.copyOf(track);
        if (end < start) {
            throw new IllegalArgumentException("segment " + segmentId + " must not end before it starts, was " + start + ".." + end);
        }
        if (preEventMillis < 0 || preEventMillis > end - start) {
            throw new IllegalArgumentException("pre-event part of " + segmentId + " must be 0.." + (end - start)
                    + " ms, was " + preEventMillis);
        }
    }

    public long durationMillis() {
        return end - start;
    }

    /** The GPS cues of the segment: one per fix within {@code [start, end)}. */
    public List<GpsCue> cues() {
        return track.stream().filter(f -> f.time() >= start && f.time() < end).map(f -> GpsCue.of(deviceId, f)).toList();
    }
}
