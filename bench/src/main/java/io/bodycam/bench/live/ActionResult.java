package io.bodycam.bench.live;

import java.util.Objects;

/**
 * What an action did to a camera.
 *
 * @param message for people: what happened, or what the camera did with it
 */
public record ActionResult(String deviceId, CameraAction action, String message) {

    public ActionResult {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
    }
}
