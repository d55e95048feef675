package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Something a camera did, as its firmware reports it: one record per event type, each with its wire
 * {@link #type() type} and its fields, and with exactly one JSON mapping ({@link #writeJson}), used both
 * for what the camera publishes on its {@code events} topic (docs/contract/README.md) and for the lines
 * of a run's {@code events.jsonl}. {@link BenchNote}s (mode changes, link changes, injected faults) go to
 * the bench only.
 */
public sealed interface CameraEvent
        permits BenchNote, BatteryCritical, BatteryLow, Boot, CameraError, ConfigApplied, Docked, FirmwareApplied,
                FirmwareDownloadFailed, FirmwareDownloadPaused, FirmwareDownloadStarted, FirmwareDownloaded,
                FirmwareInterrupted, FirmwareOffered, FirmwareRejected, PriorityUploadCancelled,
                PriorityUploadCompleted, PriorityUploadFailed, PriorityUploadStarted, Reboot, RecordingRecovered,
                RecordingStarted, RecordingStopped, SegmentClosed, SegmentDamaged, SegmentPurged, SegmentRejected,
                SegmentUnprovable, StorageFull, TimeSynced, Undocked, UploadCompleted, UploadFailed, UploadVerified {

    /** The camera's id. */
    String deviceId();

    /** Virtual time, epoch ms (the simulation's clock, not the device's possibly skewed one). */
    long time();

    /** The wire name: the {@code type} field of its JSON. */
    String type();

    /** True when the camera publishes it on its {@code events} topic; false for what only the bench hears. */
    default boolean published() {
        return true;
    }

    /** Writes the event's own fields, in the contract's order and names, into an open JSON object. */
    void writeFields(JsonGenerator g) throws IOException;

    /** Writes {@code type}, then the event's own fields, into an open JSON object. */
    default void writeJson(JsonGenerator g) throws IOException {
        g.writeStringField("type", type());
        writeFields(g);
    }
}
