package io.bodycam.sim.camera.internal;

import io.bodycam.sim.event.FaultDuplicateUpload;
import io.bodycam.sim.event.FaultSegmentDamaged;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.storage.Storage;


/**
 * Evidence faults a scenario armed for the next segment (through {@code CameraFaults}), taken when the
 * recorder stores one or the dock verifies one. Each is told to the bench as a {@code fault.*} note.
 */
public final class PendingFaults {

    private final Storage storage;
    private final EventSink events;
    private boolean corruptNext;
    private boolean duplicateNext;

    public PendingFaults(Storage storage, EventSink events) {
        this.storage = storage;
        this.events = events;
    }

    public void corruptNextSegment() {
        corruptNext = true;
    }

    public void duplicateNextUpload() {
        duplicateNext = true;
    }

    /** A segment was stored: damaged now if a corruption is armed. */
    public void segmentStored(SegmentManifest m) {
        if (corruptNext) {
            corruptNext = false;
            storage.damage(m.segmentId());
            events.emit(new FaultSegmentDamaged(events.deviceId(), events.time(), m.segmentId()));
        }
    }

    /** True (once) when an armed duplicate upload applies to this just-verified segment. */
    public boolean takeDuplicate(SegmentManifest s) {
        if (!duplicateNext) {
            return false;
        }
        duplicateNext = false;
        events.emit(new FaultDuplicateUpload(events.deviceId(), events.time(), s.segmentId()));
        return true;
    }
}
