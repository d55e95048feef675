package io.bodycam.bench.observer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The fields of a camera's latest {@code state} message the backend tracks (contract, "state").
 * Numbers the camera left out are -1; {@code flags} is empty when none are set.
 *
 * @param ts the device's own clock when it sent the state (epoch ms, virtual time)
 */
public record DeviceState(
        long seq,
        long ts,
        String mode,
        Optional<String> dockPhase,
        List<String> flags,
        OptionalDouble batteryPct,
        boolean charging,
        long storageCapacityBytes,
        long storageUsedBytes,
        long storageFreeBytes,
        long uploadQueueSegments,
        long uploadQueueBytes,
        Optional<String> recordingId,
        Optional<String> firmware) {

    public DeviceState {
        flags = List.copyOf(flags);
    }
}
