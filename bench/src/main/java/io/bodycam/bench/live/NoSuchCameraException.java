package io.bodycam.bench.live;

/** A device id that is not in the fleet's roster. */
public final class NoSuchCameraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String deviceId;

    public NoSuchCameraException(String deviceId) {
        super("no camera " + deviceId + " in this fleet", null, false, false);
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }
}
