package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Mode;

import java.util.Set;

/**
 * What a {@code state} message reports (docs/contract/README.md, {@code state}): the camera at one
 * moment, read on its thread and handed to the {@link Reporter}.
 *
 * @param dockPhase   null unless docked
 * @param recordingId null unless recording
 * @param recordingSince when the open recording was triggered; meaningless without one
 */
public record StateReport(Mode mode, DockPhase dockPhase, Set<Flag> flags, double batteryPercent, boolean charging,
                          long capacityBytes, long usedBytes, long freeBytes, int queuedSegments, long queuedBytes,
                          String recordingId, long recordingSince, String firmware, long clockOffsetMs, String officer) {
}
