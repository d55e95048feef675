package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.recording.SegmentManifest;

import java.util.List;
import java.util.Set;

/**
 * A camera's state at one moment, copied on its thread: what the bench reads for progress, for the
 * end-of-run ledger (segments still on the camera) and in tests.
 *
 * @param dockPhase  null unless docked
 * @param recordingId null unless recording
 * @param stored     segments on the camera, in upload order
 * @param held       ids of stored segments the camera keeps but no longer uploads (its copy is damaged)
 * @param firmware   the firmware version running
 * @param firmwarePending a firmware version offered and neither applied nor rejected yet; null when none
 * @param writing    closed segments whose files are still being written (mp4 mode), not stored yet
 */
public record CameraSnapshot(String deviceId, Mode mode, DockPhase dockPhase, Set<Flag> flags, double batteryPercent,
                             long storageUsed, long storageFree, List<SegmentManifest> stored, String recordingId,
                             boolean connected, int boots, CameraSettings settings, Set<String> held,
                             String firmware, String firmwarePending, int writing) {

    /** Segments still waiting for upload: stored and not held, and those whose files are being written. */
    public int uploadable() {
        return stored.size() - held.size() + writing;
    }
}
