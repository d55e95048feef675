package io.bodycam.sim.camera.internal;

import java.util.Map;

/** Where the camera's parts send what happened: the bench always hears it, the backend when published. */
public interface EventSink {

    /** Tells the bench and publishes on the {@code events} topic. */
    void emit(String type, Map<String, Object> fields);

    /** Tells the bench only: nothing goes out on MQTT. */
    void note(String type, Map<String, Object> fields);
}
