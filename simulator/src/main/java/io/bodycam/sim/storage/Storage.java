package io.bodycam.sim.storage;

import io.bodycam.sim.recording.SegmentManifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The camera's flash: closed segments waiting for upload, and room reserved by the recording in
 * progress. A segment leaves only through {@link #purge}, which the firmware calls after the backend
 * verified it (docs/design.md#nothing-lost-nothing-doubled). Sizes are nominal: what a real camera
 * would hold, even when a run shrinks payloads.
 *
 * <p>Upload order: flagged segments first ("critical events upload first" [S27]), then oldest first
 * (FIFO [GUESS], docs/domain.md#upload-order).
 */
public final class Storage {

    private static final Comparator<SegmentManifest> UPLOAD_ORDER =
            Comparator.comparing((SegmentManifest s) -> !s.flagged())
                    .thenComparingLong(SegmentManifest::start)
                    .thenComparingInt(SegmentManifest::index);

    private final long capacity;
    private final long lowThreshold;
    private final Map<String, SegmentManifest> segments = new LinkedHashMap<>();
    private final Set<String> damaged = new HashSet<>();
    private final Set<String> held = new HashSet<>();
    private long stored;
    private long reserved;
    private long occupied;

    /**
     * @param capacity     nominal bytes the camera holds (64 GB default)
     * @param lowThreshold "storage low" when free space falls below this (4 GB [S34])
     */
    public Storage(long capacity, long lowThreshold) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("storage capacity must be > 0 bytes, was " + capacity);
        }
        if (lowThreshold < 0 || lowThreshold >= capacity) {
            throw new IllegalArgumentException("storage-low threshold must be 0.." + capacity + " bytes, was " + lowThreshold);
        }
        this.capacity = capacity;
        this.lowThreshold = lowThreshold;
    }

    /** Keeps a closed segment until it is purged; its room stops being reserved. */
    public void add(SegmentManifest segment) {
        if (segments.putIfAbsent(segment.segmentId(), segment) != null) {
            throw new IllegalStateException("segment " + segment.segmentId() + " is already stored");
        }
        stored += segment.nominalBytes();
    }

    /** Room taken by the open segment of a recording in progress (0 when not recording). */
    public void reserve(long nominalBytes) {
        reserved = Math.max(0, nominalBytes);
    }

    /** Deletes a segment the backend has verified. */
    public boolean purge(String segmentId) {
        SegmentManifest s = segments.remove(segmentId);
        if (s != null) {
            stored -= s.nominalBytes();
            damaged.remove(segmentId);
            held.remove(segmentId);
        }
        return s != null;
    }

    /** The next segment to upload, skipping those in {@code excluded} and those {@link #hold held}. */
    public Optional<SegmentManifest> nextToUpload(Set<String> excluded) {
        return segments.values().stream()
                .filter(s -> !excluded.contains(s.segmentId()) && !held.contains(s.segmentId()))
                .min(UPLOAD_ORDER);
    }

    /** The stored copy of a segment went bad after it was hashed: it now reads with one byte flipped. */
    public void damage(String segmentId) {
        if (segments.containsKey(segmentId)) {
            damaged.add(segmentId);
        }
    }

    public boolean damaged(String segmentId) {
        return damaged.contains(segmentId);
    }

    /** Keeps a segment on the card but out of the upload queue (its copy is known to be damaged). */
    public void hold(String segmentId) {
        if (segments.containsKey(segmentId)) {
            held.add(segmentId);
        }
    }

    /** Segments kept but no longer offered for upload. */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    /**
     * Room taken by data that is not evidence (a full card in a fault scenario); {@code 0} gives it
     * back. Evidence is never deleted to make room.
     */
    public void occupy(long nominalBytes) {
        occupied = Math.max(0, nominalBytes);
    }

    /** Nominal bytes that would fill the card now, on top of what is already occupied. */
    public long unoccupied() {
        return Math.max(0, capacity - stored - reserved);
    }

    /** Stored segments in upload order. */
    public List<SegmentManifest> queue() {
        List<SegmentManifest> list = new ArrayList<>(segments.values());
        list.sort(UPLOAD_ORDER);
        return list;
    }

    public int queuedSegments() {
        return segments.size();
    }

    public long capacity() {
        return capacity;
    }

    public long used() {
        return stored + reserved + occupied;
    }

    /** Nominal bytes held by closed segments (the upload queue). */
    public long queuedBytes() {
        return stored;
    }

    public long free() {
        return Math.max(0, capacity - used());
    }

    public boolean low() {
        return free() < lowThreshold;
    }

    public boolean full() {
        return free() <= 0;
    }
}
