package io.bodycam.bench.run.record;

import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One look at the fleet: how many cameras are online (as the backend's observer sees them), in each
 * firmware mode, recording and uploading (docked and sending or verifying a segment).
 *
 * @param wallMs    wall milliseconds since the recording of the run started
 * @param virtualMs virtual milliseconds since the run started
 */
public record FleetLook(long wallMs, long virtualMs, int online, Map<Mode, Integer> modes, int uploading) {

    public FleetLook {
        modes = Map.copyOf(modes);
    }

    /** Counts modes and uploads over the cameras' snapshots. */
    static FleetLook of(long wallMs, long virtualMs, int online, List<CameraSnapshot> snapshots) {
        Map<Mode, Integer> modes = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            modes.put(m, 0);
        }
        int uploading = 0;
        for (CameraSnapshot s : snapshots) {
            modes.merge(s.mode(), 1, Integer::sum);
            if (s.mode() == Mode.DOCKED && (s.dockPhase() == DockPhase.UPLOADING || s.dockPhase() == DockPhase.VERIFYING)) {
                uploading++;
            }
        }
        return new FleetLook(wallMs, virtualMs, online, modes, uploading);
    }

    public int recording() {
        return modes.getOrDefault(Mode.RECORDING, 0);
    }
}
