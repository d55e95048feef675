package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.Mode;

/**
 * The pre-event ring buffer [S1, S2]: it fills while the camera is ready, keeps filling through a
 * priority upload [GUESS], and is dropped in every other mode (asleep [S13], docked, recording, off).
 * A recording takes as its head what it holds, up to the configured length.
 */
public final class PreEventBuffer {

    private long since = -1;

    /** Follows the camera's mode. */
    public void modeChanged(Mode from, Mode to, long now) {
        if (to == Mode.READY_BUFFERING && from != Mode.PRIORITY_UPLOAD) {
            since = now;
        } else if (to != Mode.READY_BUFFERING && to != Mode.PRIORITY_UPLOAD) {
            since = -1;
        }
    }

    /** Milliseconds of capture it holds at {@code now}; 0 when the camera is not buffering. */
    public long held(long now) {
        return since < 0 ? 0 : now - since;
    }
}
