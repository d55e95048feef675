package io.bodycam.sim.wiring;

import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.MqttTelemetryLink;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.TusEvidenceLink;

import java.util.Optional;

/**
 * A camera with the links {@link CameraWiring} built for it: what its owner needs besides the camera
 * itself (the MQTT client's counters, the HTTP connection to close).
 *
 * @param telemetry the camera's MQTT side (an {@link MqttTelemetryLink}, or the fake a test gave)
 * @param evidence  the camera's HTTP side (a {@link TusEvidenceLink}, or the fake a test gave)
 */
public record WiredCamera(Camera camera, TelemetryLink telemetry, EvidenceLink evidence) {

    /** The MQTT link when the wiring built one: its counters are read on the camera's thread. */
    public Optional<MqttTelemetryLink> mqtt() {
        return telemetry instanceof MqttTelemetryLink m ? Optional.of(m) : Optional.empty();
    }

    /** Closes the camera's HTTP connection, when the wiring opened one; call it after the camera is off. */
    public void closeLinks() {
        if (evidence instanceof TusEvidenceLink tus) {
            tus.close();
        }
    }
}
