package io.bodycam.sim.event;

/**
 * An event the bench hears and the backend does not: the camera's mode and link changes, the faults a
 * scenario injects, a refused priority upload. Never published on MQTT; written to {@code events.jsonl}
 * like the others.
 */
public sealed interface BenchNote extends CameraEvent
        permits FaultBattery, FaultClockDrift, FaultClockSkew, FaultDuplicateUpload, FaultGpsLoss, FaultNetworkPulled, FaultPowerLoss,
                FaultSegmentDamaged, FaultStorageFilled, FaultStorageReleased, LinkDown, LinkUp, LteOutage,
                ModeChanged, PriorityUploadRefused, UploadProgress, UploadResumed {

    @Override
    default boolean published() {
        return false;
    }
}
