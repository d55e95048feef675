package io.bodycam.sim.recording;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One recording in progress: the open segment's bytes are hashed as they are produced (never by
 * re-reading), and the recording is cut into segments on demand. The first segment starts with the
 * pre-event buffer: capture time runs from {@code trigger - preEvent}.
 */
public final class Recording {

    private static final int BLOCK = 64 * 1024;

    private final String deviceId;
    private final String recordingId;
    private final String trigger;
    private final String category;
    private final boolean flagged;
    private final long triggeredAt;
    private final long preEventMillis;
    private final CaptureStream stream;
    private final double nominalBytesPerSecond;
    private final byte[] block = new byte[BLOCK];

    private int segmentIndex;
    private long segmentStart;
    private long segmentStartPosition;
    private long producedTo;
    private MessageDigest digest;

    /**
     * Opens a recording triggered at {@code triggeredAt} whose first segment holds
     * {@code preEventMillis} of buffered video before it. The buffered bytes are hashed at once.
     *
     * @param stream the synthetic capture stream, or null when the camera films real MP4 segments: its
     *               manifests are then drafts (no bytes, no hash) that the video card completes
     */
    public Recording(String deviceId, String recordingId, String trigger, String category, boolean flagged,
                     long triggeredAt, long preEventMillis, CaptureStream stream, double nominalBytesPerSecond) {
        this.deviceId = deviceId;
        this.recordingId = recordingId;
        this.trigger = trigger;
        this.category = category;
        this.flagged = flagged;
        this.triggeredAt = triggeredAt;
        this.preEventMillis = preEventMillis;
        this.stream = stream;
        this.nominalBytesPerSecond = nominalBytesPerSecond;
        openSegment(triggeredAt - preEventMillis);
        produceTo(triggeredAt);
    }

    public String id() {
        return recordingId;
    }

    public long triggeredAt() {
        return triggeredAt;
    }

    public long preEventMillis() {
        return preEventMillis;
    }

    public String trigger() {
        return trigger;
    }

    public String category() {
        return category;
    }

    /** Capture time at which the open segment started. */
    public long segmentStart() {
        return segmentStart;
    }

    /** Segments closed so far. */
    public int closedSegments() {
        return segmentIndex;
    }

    /** Nominal bytes of the open segment up to {@code now}. */
    public long openNominalBytes(long now) {
        return nominalBytes(segmentStart, now);
    }

    /** Hashes the stream bytes captured up to {@code now} into the open segment. */
    public void produceTo(long now) {
        if (stream == null) {
            return;
        }
        long target = stream.position(now);
        while (producedTo < target) {
            int n = (int) Math.min(BLOCK, target - producedTo);
            stream.fill(producedTo, block, 0, n);
            digest.update(block, 0, n);
            producedTo += n;
        }
    }

    /**
     * Closes the open segment at {@code now} and returns its manifest; when {@code continueRecording},
     * the next segment starts at {@code now}.
     */
    public SegmentManifest closeSegment(long now, boolean continueRecording) {
        produceTo(now);
        String segmentId = String.format("%s-S%03d", recordingId, segmentIndex + 1);
        long pre = segmentIndex == 0 ? preEventMillis : 0;
        SegmentManifest m = new SegmentManifest(deviceId, recordingId, segmentId, segmentIndex, segmentStart, now,
                pre, segmentStartPosition, producedTo - segmentStartPosition, nominalBytes(segmentStart, now),
                stream == null ? "" : HexFormat.of().formatHex(digest.digest()), trigger, category, flagged, stream == null);
        segmentIndex++;
        if (continueRecording) {
            openSegment(now);
        }
        return m;
    }

    private void openSegment(long start) {
        segmentStart = start;
        segmentStartPosition = stream == null ? 0 : stream.position(start);
        producedTo = segmentStartPosition;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private long nominalBytes(long from, long to) {
        return (long) ((to - from) / 1000.0 * nominalBytesPerSecond);
    }
}
