package io.bodycam.sim.recording;

/**
 * A closed segment of a recording: what the camera stores, uploads and must not delete until the
 * backend confirmed it with the same SHA-256 (docs/design.md#nothing-lost-nothing-doubled).
 *
 * @param start          capture time of the first byte (for the first segment: trigger minus pre-event)
 * @param end            capture time after the last byte
 * @param preEventMillis how much of this segment came from the pre-event buffer (first segment only)
 * @param streamOffset   position of the first byte in the camera's {@link CaptureStream}
 * @param bytes          payload bytes actually produced (nominal bytes times the run's payload scale)
 * @param nominalBytes   what a real camera would have stored at the configured bitrate
 * @param sha256         lower-case hex SHA-256 of the payload, computed as the bytes were produced
 * @param flagged        uploaded before unflagged segments ("critical events upload first" [S27])
 * @param mp4            the segment is a real MP4 file on the camera's card (docs/video.md), not synthetic
 *                       bytes; while its file is being written the manifest is a draft with no bytes and
 *                       an empty {@code sha256}
 */
public record SegmentManifest(String deviceId, String recordingId, String segmentId, int index,
                              long start, long end, long preEventMillis, long streamOffset, long bytes,
                              long nominalBytes, String sha256, String trigger, String category,
                              boolean flagged, boolean mp4) {

    /** This draft with its file written: the file's length and SHA-256. */
    public SegmentManifest withFile(long fileBytes, String fileSha256) {
        return new SegmentManifest(deviceId, recordingId, segmentId, index, start, end, preEventMillis, 0, fileBytes,
                nominalBytes, fileSha256, trigger, category, flagged, true);
    }
}
