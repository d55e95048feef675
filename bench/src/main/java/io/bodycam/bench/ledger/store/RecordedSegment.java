package io.bodycam.bench.ledger.store;

import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.upload.NameTemplate;

import java.util.Map;

/**
 * One segment a camera recorded, as a store reader looks for it: its camera, id and SHA-256, and the
 * {@link NameTemplate} variables the store's names for it are made from (the camera made them the same way).
 *
 * @param agency the camera's agency (credentials may depend on it)
 * @param start  when the segment began (epoch ms, the camera's clock), which a Swift clip's name carries
 */
public record RecordedSegment(String deviceId, String segmentId, String sha256, String agency, Map<String, String> fields,
                              long start) {

    public RecordedSegment {
        fields = Map.copyOf(fields);
    }

    /** A ledger entry of a camera of {@code agency} worn by {@code officer}; {@code mp4} for a run of real video files. */
    public static RecordedSegment of(DeviceLedger.Entry e, String agency, String officer, boolean mp4) {
        SegmentManifest m = new SegmentManifest(e.deviceId(), e.recordingId(), e.segmentId(), e.index(), e.start(),
                e.closedAt(), 0, 0, e.bytes(), e.bytes(), e.sha256(), "", "", false, mp4);
        return new RecordedSegment(e.deviceId(), e.segmentId(), e.sha256(), agency, NameTemplate.fields(m, agency, officer),
                e.start());
    }

    /** Its key in {@link BackendView#allKeys()}. */
    public String key() {
        return BackendView.key(deviceId, segmentId);
    }
}
