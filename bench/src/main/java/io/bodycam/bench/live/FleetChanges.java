package io.bodycam.bench.live;

import java.util.List;

/**
 * The cameras whose state changed since a cursor, and the cursor to ask with next time.
 *
 * @param cursor  pass it to the next {@link LiveFleet#changesSince(long)}
 * @param changed each changed camera's current state, once (a camera that changed twice appears once)
 */
public record FleetChanges(long cursor, List<CameraState> changed) {

    public FleetChanges {
        changed = List.copyOf(changed);
    }
}
