package io.bodycam.bench.ledger;

import io.bodycam.sim.camera.CameraEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cameras say they recorded and deleted, kept by the bench from their events (the device
 * side of the evidence ledger). Fed from every camera's thread at once.
 */
public final class DeviceLedger {

    /** One recorded segment and what became of it on the camera. */
    public static final class Entry {
        private final String deviceId;
        private final String segmentId;
        private final String sha256;
        private final long bytes;
        private final long closedAt;
        private volatile long purgedAt = -1;

        Entry(String deviceId, String segmentId, String sha256, long bytes, long closedAt) {
            this.deviceId = deviceId;
            this.segmentId = segmentId;
            this.sha256 = sha256;
            this.bytes = bytes;
            this.closedAt = closedAt;
        }

        public String deviceId() {
            return deviceId;
        }

        public String segmentId() {
            return segmentId;
        }

        public String sha256() {
            return sha256;
        }

        public long bytes() {
            return bytes;
        }

        /** Virtual time the segment was closed on the camera. */
        public long closedAt() {
            return closedAt;
        }

        /** Virtual time the camera deleted it after verification, or -1. */
        public long purgedAt() {
            return purgedAt;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Takes the ledger-relevant events, ignores the others. */
    public void onEvent(CameraEvent e) {
        switch (e.type()) {
            case "segment.closed" -> {
                String id = (String) e.fields().get("segmentId");
                entries.put(key(e.deviceId(), id), new Entry(e.deviceId(), id, (String) e.fields().get("sha256"),
                        ((Number) e.fields().get("bytes")).longValue(), e.time()));
            }
            case "segment.purged" -> {
                Entry entry = entries.get(key(e.deviceId(), (String) e.fields().get("segmentId")));
                if (entry != null) {
                    entry.purgedAt = e.time();
                }
            }
            default -> { }
        }
    }

    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(java.util.Comparator.comparing(Entry::deviceId).thenComparing(Entry::segmentId));
        return list;
    }

    public int size() {
        return entries.size();
    }

    private static String key(String deviceId, String segmentId) {
        return deviceId + '/' + segmentId;
    }
}
