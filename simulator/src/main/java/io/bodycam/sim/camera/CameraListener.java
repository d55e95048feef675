package io.bodycam.sim.camera;

import io.bodycam.sim.event.CameraEvent;

/**
 * The bench's window on a camera: every event, on the camera's thread. Implementations hand the event
 * over to another thread quickly; they must not block the event loop.
 */
@FunctionalInterface
public interface CameraListener {

    CameraListener NONE = e -> { };

    void onEvent(CameraEvent event);
}
