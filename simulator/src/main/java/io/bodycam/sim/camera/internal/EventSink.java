package io.bodycam.sim.camera.internal;

import io.bodycam.sim.event.CameraEvent;

/**
 * Where the camera's parts send what happened: the bench hears every event, the backend the
 * {@link CameraEvent#published() published} ones.
 */
public interface EventSink {

    void emit(CameraEvent event);

    /** The camera's id, which every event carries. */
    String deviceId();

    /** The virtual time a new event carries: now. */
    long time();
}
