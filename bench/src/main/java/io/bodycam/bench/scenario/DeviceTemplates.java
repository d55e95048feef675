package io.bodycam.bench.scenario;

/** {@code {deviceId}} in a scenario's per-camera strings (backend user name and password). */
public final class DeviceTemplates {

    /** The placeholder replaced by each camera's device id. */
    public static final String DEVICE_ID = "{deviceId}";

    private DeviceTemplates() {
    }

    /** Whether {@code text} (may be null) names the device. */
    public static boolean has(String text) {
        return text != null && text.contains(DEVICE_ID);
    }

    /** {@code text} with every {@code {deviceId}} replaced by {@code deviceId}. */
    public static String fill(String text, String deviceId) {
        return text.replace(DEVICE_ID, deviceId);
    }
}
