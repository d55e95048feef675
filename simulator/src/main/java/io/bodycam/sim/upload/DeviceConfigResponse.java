package io.bodycam.sim.upload;

import java.util.Map;

/** The backend's configuration for one camera, from {@code GET /devices/{deviceId}/config}. */
public record DeviceConfigResponse(long version, Map<String, String> config) {

    public DeviceConfigResponse {
        config = Map.copyOf(config);
    }
}
