package io.bodycam.sim.event;

import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.state.Trigger;

import java.util.List;

/**
 * One or more events of every type, each with the JSON it writes ({@code type} and its own fields), as
 * the camera published them and the bench logged them before events were typed: the table that pins
 * each event's one JSON mapping. Public for the bench's ContractSpecTest, which checks every published sample against docs/contract/asyncapi.yaml.
 */
public final class EventSamples {

    /** An event and the JSON object its {@link CameraEvent#writeJson} writes. */
    public record Pinned(CameraEvent event, String json) {
    }

    static final String ID = "IPD-0001";
    static final long T = 1_799_046_000_000L;
    private static final String SHA = "af9ea49c5bacb4df5d9ca0d8a54c97be18cb91976d018b653d9b96232242c9db";
    private static final String SHA2 = "60af62e45069fc94ee3229afbb20e6d3e0e8044555a9847fc6724a24536d024b";
    private static final Interruption CUT = new Interruption("IPD-0001-R00002", 1, T - 8_000, T, 4_000_000);

    public static final List<Pinned> ALL = List.of(
            pin(new Boot(ID, T, "4.12.3", 2, 1), """
                    {"type":"boot","firmware":"4.12.3","boots":2,"recovered":1}"""),
            pin(new Reboot(ID, T, "firmware 4.13.0"), """
                    {"type":"reboot","reason":"firmware 4.13.0"}"""),
            pin(new CameraError(ID, T, ErrorCode.FIRMWARE_OFFER, "url must be a string"), """
                    {"type":"error","code":"firmware-offer","message":"url must be a string"}"""),
            pin(new CameraError(ID, T, ErrorCode.SEGMENT_WRITE, "IPD-0001-R00001-S001", "the segment file could not be written: disk full"), """
                    {"type":"error","code":"segment-write","segmentId":"IPD-0001-R00001-S001",\
                    "message":"the segment file could not be written: disk full"}"""),
            pin(new Docked(ID, T), """
                    {"type":"docked"}"""),
            pin(new Undocked(ID, T), """
                    {"type":"undocked"}"""),
            pin(new TimeSynced(ID, T, -3_600_000), """
                    {"type":"time.synced","offsetMs":-3600000}"""),
            pin(new ConfigApplied(ID, T, "dock v3", "heartbeat,preEventSeconds"), """
                    {"type":"config.applied","source":"dock v3","keys":"heartbeat,preEventSeconds"}"""),
            pin(new BatteryLow(ID, T, 9.0), """
                    {"type":"battery.low","pct":9.0}"""),
            pin(new BatteryCritical(ID, T, 2.9), """
                    {"type":"battery.critical","pct":2.9}"""),
            pin(new StorageFull(ID, T, 0), """
                    {"type":"storage.full","freeBytes":0}"""),
            pin(new RecordingStarted(ID, T, "IPD-0001-R00001", Trigger.BUTTON, 30.0, "uncategorized"), """
                    {"type":"recording.started","recordingId":"IPD-0001-R00001","trigger":"button",\
                    "preEventSeconds":30.0,"category":"uncategorized"}"""),
            pin(new RecordingStopped(ID, T, "IPD-0001-R00001", StopReason.MAX_LENGTH, 14_400_000, 48), """
                    {"type":"recording.stopped","recordingId":"IPD-0001-R00001","reason":"max length",\
                    "durationMs":14400000,"segments":48}"""),
            pin(new RecordingRecovered(ID, T, CUT, null), """
                    {"type":"recording.recovered","recordingId":"IPD-0001-R00002","segmentsKept":1,\
                    "keptUntil":1799045992000,"lostUntil":1799046000000,"lostMs":8000,"lostNominalBytes":4000000}"""),
            pin(new RecordingRecovered(ID, T, CUT, new RecordingRecovered.CardCheck(null, 1, "IPD-0001-R00002-S002", 1_234,
                    "truncated: no moov box")), """
                    {"type":"recording.recovered","recordingId":"IPD-0001-R00002","segmentsKept":1,\
                    "keptUntil":1799045992000,"lostUntil":1799046000000,"lostMs":8000,"lostNominalBytes":4000000,\
                    "truncatedFiles":1,"truncatedSegment":"IPD-0001-R00002-S002","truncatedBytes":1234,\
                    "probe":"truncated: no moov box"}"""),
            pin(new RecordingRecovered(ID, T, CUT, new RecordingRecovered.CardCheck(null, 0, null, 0, null)), """
                    {"type":"recording.recovered","recordingId":"IPD-0001-R00002","segmentsKept":1,\
                    "keptUntil":1799045992000,"lostUntil":1799046000000,"lostMs":8000,"lostNominalBytes":4000000,\
                    "truncatedFiles":0}"""),
            pin(new RecordingRecovered(ID, T, CUT, RecordingRecovered.CardCheck.unreadable("card gone")), """
                    {"type":"recording.recovered","recordingId":"IPD-0001-R00002","segmentsKept":1,\
                    "keptUntil":1799045992000,"lostUntil":1799046000000,"lostMs":8000,"lostNominalBytes":4000000,\
                    "cardError":"card gone"}"""),
            pin(new SegmentClosed(ID, T, "IPD-0001-R00001", "IPD-0001-R00001-S001", 0, 1_301_876, 5_000_000, SHA,
                    T - 35_000, T - 5_000, 5.0), """
                    {"type":"segment.closed","recordingId":"IPD-0001-R00001","segmentId":"IPD-0001-R00001-S001",\
                    "index":0,"bytes":1301876,"nominalBytes":5000000,"sha256":"%s",\
                    "start":1799045965000,"end":1799045995000,"preEventSeconds":5.0}""".formatted(SHA)),
            pin(new SegmentPurged(ID, T, "IPD-0001-R00001-S001"), """
                    {"type":"segment.purged","segmentId":"IPD-0001-R00001-S001"}"""),
            pin(new SegmentDamaged(ID, T, "IPD-0001-R00001-S001", SHA, SHA2), """
                    {"type":"segment.damaged","segmentId":"IPD-0001-R00001-S001","sha256":"%s","readSha256":"%s"}"""
                    .formatted(SHA, SHA2)),
            pin(new SegmentRejected(ID, T, "IPD-0001-R00001-S001", SHA), """
                    {"type":"segment.rejected","segmentId":"IPD-0001-R00001-S001","sha256":"%s"}""".formatted(SHA)),
            pin(new SegmentUnprovable(ID, T, "IPD-0001-R00001-S001", SHA), """
                    {"type":"segment.unprovable","segmentId":"IPD-0001-R00001-S001","sha256":"%s"}""".formatted(SHA)),
            pin(new UploadCompleted(ID, T, "IPD-0001-R00001-S001", 1_301_876, false), """
                    {"type":"upload.completed","segmentId":"IPD-0001-R00001-S001","bytes":1301876}"""),
            pin(new UploadCompleted(ID, T, "IPD-0001-R00004-S001", 65_000, true), """
                    {"type":"upload.completed","segmentId":"IPD-0001-R00004-S001","bytes":65000,"via":"lte"}"""),
            pin(new UploadVerified(ID, T, "IPD-0001-R00001-S001", SHA), """
                    {"type":"upload.verified","segmentId":"IPD-0001-R00001-S001","sha256":"%s"}""".formatted(SHA)),
            pin(new UploadFailed(ID, T, "IPD-0001-R00003-S001", "upload failed: 503 Service Unavailable"), """
                    {"type":"upload.failed","segmentId":"IPD-0001-R00003-S001","error":"upload failed: 503 Service Unavailable"}"""),
            pin(new PriorityUploadStarted(ID, T, "IPD-0001-R00003", 1, 125_000), """
                    {"type":"priorityUpload.started","recordingId":"IPD-0001-R00003","segments":1,"bytes":125000}"""),
            pin(new PriorityUploadCompleted(ID, T, "IPD-0001-R00004", 1, 65_000), """
                    {"type":"priorityUpload.completed","recordingId":"IPD-0001-R00004","segments":1,"bytes":65000}"""),
            pin(new PriorityUploadCancelled(ID, T, "IPD-0001-R00003", StopReason.RECORDING_STARTED, 0, 1), """
                    {"type":"priorityUpload.cancelled","recordingId":"IPD-0001-R00003","reason":"recording started",\
                    "uploaded":0,"left":1}"""),
            pin(new PriorityUploadCancelled(ID, T, "IPD-0001-R00003", StopReason.POWER_LOSS, 1, 2), """
                    {"type":"priorityUpload.cancelled","recordingId":"IPD-0001-R00003","reason":"power loss",\
                    "uploaded":1,"left":2}"""),
            pin(new PriorityUploadFailed(ID, T, "IPD-0001-R00003", "upload failed: reset", 0), """
                    {"type":"priorityUpload.failed","recordingId":"IPD-0001-R00003","error":"upload failed: reset","uploaded":0}"""),
            pin(new PriorityUploadRefused(ID, T, "nothing to upload: no recording waits on the camera"), """
                    {"type":"priorityUpload.refused","reason":"nothing to upload: no recording waits on the camera"}"""),
            pin(new FirmwareOffered(ID, T, "4.13.0", "command", 30_000_000, T, T + 10_000, T + 9_687), """
                    {"type":"firmware.offered","version":"4.13.0","source":"command","bytes":30000000,\
                    "windowStart":1799046000000,"windowEnd":1799046010000,"slot":1799046009687}"""),
            pin(new FirmwareDownloadStarted(ID, T, "4.13.0", 0, 30_000_000), """
                    {"type":"firmware.download.started","version":"4.13.0","offset":0,"bytes":30000000}"""),
            pin(new FirmwareDownloadPaused(ID, T, "4.13.0", 2_490_368, 30_000_000, null), """
                    {"type":"firmware.download.paused","version":"4.13.0","offset":2490368,"bytes":30000000}"""),
            pin(new FirmwareDownloadPaused(ID, T, "4.13.0", 7_077_888, 30_000_000, StopReason.POWER_OFF), """
                    {"type":"firmware.download.paused","version":"4.13.0","offset":7077888,"bytes":30000000,\
                    "reason":"power off"}"""),
            pin(new FirmwareDownloadFailed(ID, T, "4.13.0", 7_077_888, "503 Service Unavailable"), """
                    {"type":"firmware.download.failed","version":"4.13.0","offset":7077888,"error":"503 Service Unavailable"}"""),
            pin(new FirmwareDownloaded(ID, T, "4.13.0", 30_000_000, SHA, 49_700, 3), """
                    {"type":"firmware.downloaded","version":"4.13.0","bytes":30000000,"sha256":"%s",\
                    "durationMs":49700,"resumes":3}""".formatted(SHA)),
            pin(new FirmwareRejected(ID, T, "4.13.0", "rollback refused: 4.13.0 is older than the running 4.14.0"), """
                    {"type":"firmware.rejected","version":"4.13.0",\
                    "reason":"rollback refused: 4.13.0 is older than the running 4.14.0"}"""),
            pin(new FirmwareInterrupted(ID, T, "4.14.0", "undocked mid-apply", "4.13.0"), """
                    {"type":"firmware.interrupted","version":"4.14.0","reason":"undocked mid-apply","running":"4.13.0"}"""),
            pin(new FirmwareApplied(ID, T, "4.12.3", "4.13.0"), """
                    {"type":"firmware.applied","from":"4.12.3","to":"4.13.0"}"""),
            pin(new ModeChanged(ID, T, Mode.OFF, Mode.BOOTING), """
                    {"type":"mode","from":"OFF","to":"BOOTING"}"""),
            pin(new LinkUp(ID, T), """
                    {"type":"link.up"}"""),
            pin(new LinkDown(ID, T, "connection reset"), """
                    {"type":"link.down","reason":"connection reset"}"""),
            pin(new LteOutage(ID, T, 60_000), """
                    {"type":"lte.outage","millis":60000}"""),
            pin(new FaultPowerLoss(ID, T, null, Mode.DOCKED), """
                    {"type":"fault.powerLoss","mode":"DOCKED"}"""),
            pin(new FaultPowerLoss(ID, T, CUT, Mode.RECORDING), """
                    {"type":"fault.powerLoss","recordingId":"IPD-0001-R00002","segmentsKept":1,\
                    "keptUntil":1799045992000,"lostUntil":1799046000000,"lostMs":8000,"lostNominalBytes":4000000,\
                    "mode":"RECORDING"}"""),
            pin(new FaultClockSkew(ID, T, 180_000), """
                    {"type":"fault.clockSkew","skewMs":180000}"""),
            pin(new FaultClockDrift(ID, T, 200.0), """
                    {"type":"fault.clockDrift","ppm":200.0}"""),
            pin(new FaultGpsLoss(ID, T, 120_000), """
                    {"type":"fault.gpsLoss","durationMs":120000}"""),
            pin(new UploadProgress(ID, T, "IPD-0001-R00001-S001", 1_048_576, 1_500_000), """
                    {"type":"upload.progress","segmentId":"IPD-0001-R00001-S001","committedBytes":1048576,"bytes":1500000}"""),
            pin(new UploadResumed(ID, T, "IPD-0001-R00001-S001", 409_600, 1_500_000), """
                    {"type":"upload.resumed","segmentId":"IPD-0001-R00001-S001","sentBytes":409600,"bytes":1500000}"""),
            pin(new FaultNetworkPulled(ID, T, 300_000), """
                    {"type":"fault.networkPulled","durationMs":300000}"""),
            pin(new FaultStorageFilled(ID, T, 0), """
                    {"type":"fault.storageFilled","freeBytes":0}"""),
            pin(new FaultStorageReleased(ID, T, 2_227_500_000L), """
                    {"type":"fault.storageReleased","freeBytes":2227500000}"""),
            pin(new FaultBattery(ID, T, 1.5), """
                    {"type":"fault.battery","pct":1.5}"""),
            pin(new FaultSegmentDamaged(ID, T, "IPD-0001-R00003-S001"), """
                    {"type":"fault.segmentDamaged","segmentId":"IPD-0001-R00003-S001"}"""),
            pin(new FaultDuplicateUpload(ID, T, "IPD-0001-R00005-S002"), """
                    {"type":"fault.duplicateUpload","segmentId":"IPD-0001-R00005-S002"}"""));

    private EventSamples() {
    }

    private static Pinned pin(CameraEvent e, String json) {
        return new Pinned(e, json);
    }
}
