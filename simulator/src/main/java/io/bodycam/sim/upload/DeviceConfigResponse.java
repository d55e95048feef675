package io.bodycam.sim.upload;

import java.util.Map;
import java.util.Optional;

/**
 * The backend's configuration for one camera, from {@code GET /devices/{deviceId}/config}.
 *
 * @param firmware the {@code firmware} offer as JSON text, read by the camera like an
 *                 {@code updateFirmware} command's params; null when the backend offers none
 */
public record DeviceConfigResponse(long version, Map<String, String> config, String firmware) {

    public DeviceConfigResponse {
        config = Map.copyOf(config);
    }

    /** A configuration without a firmware offer. */
    public DeviceConfigResponse(long version, Map<String, String> config) {
        this(version, config, null);
    }

    public Optional<String> firmwareOffer() {
        return Optional.ofNullable(firmware);
    }
}
