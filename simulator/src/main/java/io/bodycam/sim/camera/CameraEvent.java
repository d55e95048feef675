package io.bodycam.sim.camera;

import java.util.Map;

/**
 * Something a camera did, as its firmware reports it: the same {@code type} and fields it publishes on
 * its {@code events} topic (docs/contract/README.md), plus {@code mode} changes for the bench.
 *
 * @param time virtual time (simulation clock, not the device's possibly skewed clock)
 */
public record CameraEvent(String deviceId, long time, String type, Map<String, Object> fields) {
}
