package io.bodycam.bench.ledger;

import io.bodycam.sim.event.BatteryCritical;
import io.bodycam.sim.event.Boot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FaultDuplicateUpload;
import io.bodycam.sim.event.FaultPowerLoss;
import io.bodycam.sim.event.FaultSegmentDamaged;
import io.bodycam.sim.event.LinkDown;
import io.bodycam.sim.event.LinkUp;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentDamaged;
import io.bodycam.sim.event.SegmentUnprovable;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.event.UploadFailed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cameras say they recorded and deleted, kept by the bench from their events (the device
 * side of the evidence ledger), with what the bench needs to explain a segment that did not reach
 * the backend: each camera's last mode, link and power cause, each segment's last upload error, the
 * segments damaged on purpose or held by their camera, and the recordings cut by a power loss. Fed
 * from every camera's thread at once.
 */
public final class DeviceLedger {

    /** One recorded segment and what became of it on the camera. */
    public static final class Entry {
        private final String deviceId;
        private final String recordingId;
        private final String segmentId;
        private final int index;
        private final String sha256;
        private final long bytes;
        private final long start;
        private final long closedAt;
        private volatile long purgedAt = -1;
        private volatile String lastUploadError;
        private volatile boolean damagedByFault;
        private volatile boolean duplicatedByFault;
        private volatile boolean heldAsDamaged;
        private volatile boolean heldAsUnprovable;

        Entry(SegmentClosed c) {
            this.deviceId = c.deviceId();
            this.recordingId = c.recordingId();
            this.segmentId = c.segmentId();
            this.index = c.index();
            this.sha256 = c.sha256();
            this.bytes = c.bytes();
            this.start = c.start();
            this.closedAt = c.time();
        }

        public String deviceId() {
            return deviceId;
        }

        public String recordingId() {
            return recordingId;
        }

        public String segmentId() {
            return segmentId;
        }

        /** 0 for a recording's first segment. */
        public int index() {
            return index;
        }

        /** Capture time of the segment's first byte (a store's names may carry its date). */
        public long start() {
            return start;
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

        /** The error of the camera's last failed upload or verification of it, or null. */
        public String lastUploadError() {
            return lastUploadError;
        }

        /** A scenario fault damaged the camera's copy after hashing ({@code fault.segmentDamaged}). */
        public boolean damagedByFault() {
            return damagedByFault;
        }

        /** A scenario fault made the camera upload it once more after it was verified ({@code fault.duplicateUpload}). */
        public boolean duplicatedByFault() {
            return duplicatedByFault;
        }

        /** The camera found its copy damaged and keeps it without uploading it ({@code segment.damaged}). */
        public boolean heldAsDamaged() {
            return heldAsDamaged;
        }

        /** Whether the camera keeps the segment because nothing can prove the store's copy ({@code segment.unprovable}). */
        public boolean heldAsUnprovable() {
            return heldAsUnprovable;
        }
    }

    /** A recording whose open segment a power loss destroyed: recorded time that never became a segment. */
    public record Cut(String deviceId, String recordingId, int segmentsKept, long lostMillis, long at) {
    }

    /** What the bench last heard of a camera. */
    public record DeviceStatus(String mode, boolean linkUp, String offCause) {
        static final DeviceStatus UNKNOWN = new DeviceStatus("OFF", false, null);
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, DeviceStatus> devices = new ConcurrentHashMap<>();
    private final Map<String, Cut> cuts = new ConcurrentHashMap<>();

    /** Takes the ledger-relevant events, ignores the others. */
    public void onEvent(CameraEvent e) {
        String device = e.deviceId();
        if (e instanceof SegmentClosed c) {
            entries.put(key(device, c.segmentId()), new Entry(c));
        } else if (e instanceof SegmentPurged p) {
            entry(device, p.segmentId()).ifPresent(x -> x.purgedAt = e.time());
        } else if (e instanceof UploadFailed f) {
            entry(device, f.segmentId()).ifPresent(x -> x.lastUploadError = f.error());
        } else if (e instanceof FaultSegmentDamaged d) {
            entry(device, d.segmentId()).ifPresent(x -> x.damagedByFault = true);
        } else if (e instanceof FaultDuplicateUpload d) {
            entry(device, d.segmentId()).ifPresent(x -> x.duplicatedByFault = true);
        } else if (e instanceof SegmentDamaged d) {
            entry(device, d.segmentId()).ifPresent(x -> x.heldAsDamaged = true);
        } else if (e instanceof SegmentUnprovable u) {
            entry(device, u.segmentId()).ifPresent(x -> x.heldAsUnprovable = true);
        } else if (e instanceof FaultPowerLoss p) {
            status(device, s -> new DeviceStatus(s.mode(), s.linkUp(), "power lost"));
            p.interrupted().ifPresent(cut -> cuts.put(device + '/' + cut.recordingId(),
                    new Cut(device, cut.recordingId(), cut.segmentsKept(), cut.lostMs(), e.time())));
        } else if (e instanceof BatteryCritical) {
            status(device, s -> new DeviceStatus(s.mode(), s.linkUp(), "battery empty"));
        } else if (e instanceof Boot) {
            status(device, s -> new DeviceStatus(s.mode(), s.linkUp(), null));
        } else if (e instanceof ModeChanged m) {
            status(device, s -> new DeviceStatus(m.to().name(), s.linkUp(), s.offCause()));
        } else if (e instanceof LinkUp) {
            status(device, s -> new DeviceStatus(s.mode(), true, s.offCause()));
        } else if (e instanceof LinkDown) {
            status(device, s -> new DeviceStatus(s.mode(), false, s.offCause()));
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

    /** What the bench last heard of a camera; a camera never heard of counts as off. */
    public DeviceStatus status(String deviceId) {
        return devices.getOrDefault(deviceId, DeviceStatus.UNKNOWN);
    }

    /** Recordings whose open segment was lost to a power cut, by device and recording. */
    public Collection<Cut> cuts() {
        List<Cut> list = new ArrayList<>(cuts.values());
        list.sort(java.util.Comparator.comparing(Cut::deviceId).thenComparing(Cut::recordingId));
        return list;
    }

    private java.util.Optional<Entry> entry(String deviceId, String segmentId) {
        return java.util.Optional.ofNullable(entries.get(key(deviceId, segmentId)));
    }

    private void status(String deviceId, java.util.function.UnaryOperator<DeviceStatus> change) {
        devices.compute(deviceId, (id, s) -> change.apply(s == null ? DeviceStatus.UNKNOWN : s));
    }

    private static String key(String deviceId, String segmentId) {
        return deviceId + '/' + segmentId;
    }
}
