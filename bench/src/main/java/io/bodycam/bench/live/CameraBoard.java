package io.bodycam.bench.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every camera's latest {@link CameraState}, each stamped with the version at which it last changed:
 * the change tracking behind {@link LiveFleet#changesSince(long)}, for any fleet to use. Putting a state
 * equal to the current one changes nothing. Thread-safe: cameras put from their own threads while the
 * dashboard reads; each call holds the board's lock for a few microseconds (a read scans the fleet once).
 */
public final class CameraBoard {

    private final Map<String, Integer> index = new HashMap<>();
    private final CameraState[] states;
    private final long[] versions;
    /** Every camera starts at version 1, so that cursor 0 reads them all. */
    private long version = 1;

    /** A board of cameras that are all {@link CameraState#off off}. */
    public CameraBoard(List<RosterEntry> roster) {
        states = new CameraState[roster.size()];
        versions = new long[roster.size()];
        for (int i = 0; i < states.length; i++) {
            String id = roster.get(i).deviceId();
            if (index.put(id, i) != null) {
                throw new IllegalArgumentException("device id " + id + " is in the roster twice");
            }
            states[i] = CameraState.off(id);
            versions[i] = version;
        }
    }

    /**
     * Sets a camera's state.
     *
     * @return true if it changed
     * @throws NoSuchCameraException for a camera not on the board
     */
    public boolean put(CameraState state) {
        Integer i = index.get(state.deviceId());
        if (i == null) {
            throw new NoSuchCameraException(state.deviceId());
        }
        synchronized (this) {
            if (states[i].equals(state)) {
                return false;
            }
            states[i] = state;
            versions[i] = ++version;
            return true;
        }
    }

    /** @throws NoSuchCameraException for a camera not on the board */
    public synchronized CameraState get(String deviceId) {
        Integer i = index.get(deviceId);
        if (i == null) {
            throw new NoSuchCameraException(deviceId);
        }
        return states[i];
    }

    public boolean contains(String deviceId) {
        return index.containsKey(deviceId);
    }

    /** Every camera whose state changed after {@code cursor} (all of them for 0), in fleet order. */
    public synchronized FleetChanges since(long cursor) {
        List<CameraState> changed = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            if (versions[i] > cursor) {
                changed.add(states[i]);
            }
        }
        return new FleetChanges(version, changed);
    }

    /** Every camera's state now, in fleet order. */
    public synchronized List<CameraState> all() {
        return List.of(states);
    }
}
