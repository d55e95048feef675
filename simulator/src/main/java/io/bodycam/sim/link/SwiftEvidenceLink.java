package io.bodycam.sim.link;

import io.bodycam.sim.link.ProofVerdict.Unprovable;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.swift.Clip;
import io.bodycam.sim.upload.swift.SwiftClient;
import io.bodycam.sim.upload.swift.SwiftOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A camera's {@link EvidenceLink} to a Swift content destination after the Axis Body Worn Integration
 * API: a container per recording named {@code <UserID>_<BWCSerialNumber>_<TriggerOnTime>} (the officer,
 * the camera, the trigger time as {@code YYYYMMDDTHHMMSSZ}), an object per segment named
 * {@code <StartTime>_<RecordingID>.<ContainerType>}, with the API's metadata. Proved by reading the clip
 * back ({@link Proof#READ_BACK}) or by the store's {@code ETag} being the MD5 of the bytes sent, whose
 * SHA-256 is the recorded one ({@link Proof#SERVER_CHECKSUM}). A clip the store answered 400 for ("can't
 * store and never will") is unprovable: the camera keeps it and does not send it again.
 *
 * <p>The trigger time is the first segment's start plus its pre-event part; a recording whose first
 * segment this link never saw is named after the earliest segment start it saw, which may differ.
 */
public final class SwiftEvidenceLink extends ProvingLink<SwiftOutcome> {

    private static final DateTimeFormatter CONTAINER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);

    private final SwiftClient client;
    private final String officer;
    private final Map<String, Long> triggerTimes = new ConcurrentHashMap<>();

    /**
     * @param officer the user the camera is assigned to (the API's UserID)
     * @throws IllegalArgumentException for {@link Proof#VERDICT}
     */
    public SwiftEvidenceLink(SwiftClient client, String officer, BackendServices services, UploadPacer lte,
                             Proof proof) {
        super(client.loop(), services, lte, proof);
        if (proof == Proof.VERDICT) {
            throw new IllegalArgumentException("proof VERDICT needs the reference backend's /evidence; a Swift link "
                    + "proves by READ_BACK, SERVER_CHECKSUM or NONE");
        }
        this.client = client;
        this.officer = Objects.requireNonNull(officer, "officer");
    }

    /** The container and object the segment goes to, with their metadata. */
    public Clip clip(SegmentManifest s) {
        long trigger = triggerTime(s);
        String container = officer + "_" + s.deviceId() + "_" + CONTAINER_TIME.format(Instant.ofEpochMilli(trigger));
        String type = s.mp4() ? "mp4" : "bin";
        Map<String, String> containerMeta = new LinkedHashMap<>();
        containerMeta.put("ContainerName", container);
        containerMeta.put("BWCSerialNumber", s.deviceId());
        containerMeta.put("UserID", officer);
        containerMeta.put("TriggerOn", s.trigger());
        containerMeta.put("TriggerOnTime", Long.toString(trigger / 1000));
        containerMeta.put("TriggerOnTimeISO", Instant.ofEpochMilli(trigger).toString());
        containerMeta.put("Status", "Transferring");
        Map<String, String> objectMeta = new LinkedHashMap<>();
        objectMeta.put("StartTime", Long.toString(s.start() / 1000));
        objectMeta.put("StartTimeISO", Instant.ofEpochMilli(s.start()).toString());
        objectMeta.put("StopTime", Long.toString(s.end() / 1000));
        objectMeta.put("StopTimeISO", Instant.ofEpochMilli(s.end()).toString());
        objectMeta.put("ContainerType", type);
        String object = objectName(s.recordingId(), s.start(), s.mp4());
        return new Clip(container, containerMeta, object, objectMeta);
    }

    /**
     * The object a segment is stored as, {@code <StartTime>_<RecordingID>.<ContainerType>}: the start as
     * {@code yyyyMMdd_HHmmss} (UTC), so a reader of the store can find each recorded segment's clip by name.
     */
    public static String objectName(String recordingId, long startMillis, boolean mp4) {
        return OBJECT_TIME.format(Instant.ofEpochMilli(startMillis)) + "_" + recordingId + "." + (mp4 ? "mp4" : "bin");
    }

    private long triggerTime(SegmentManifest s) {
        if (s.index() == 0) {
            triggerTimes.put(s.recordingId(), s.start() + s.preEventMillis());
        }
        return triggerTimes.merge(s.recordingId(), s.start(), Math::min);
    }

    /** A clip goes whole in one PUT (Swift has no partial upload): {@code progress} hears nothing. */
    @Override
    CompletableFuture<UploadGuard.Sent<SwiftOutcome>> send(SegmentManifest s, SegmentSource payload, UploadPacer link,
                                                         ProgressListener progress) {
        return client.upload(clip(s), payload, s.mp4() ? "video/mp4" : "application/octet-stream", link)
                .thenApply(outcome -> new UploadGuard.Sent<>(outcome, outcome.bytesSent()));
    }

    @Override
    CompletableFuture<ProofVerdict> judge(SegmentManifest s, SwiftOutcome copy) {
        if (copy.refused()) {
            return CompletableFuture.completedFuture(new Unprovable(proof(), copy.basis()));
        }
        if (proof() == Proof.READ_BACK) {
            return client.readBack(copy.container(), copy.object())
                    .thenApply(back -> readBack(s, back, copy.container() + "/" + copy.object()));
        }
        return CompletableFuture.completedFuture(vouched(s, copy.vouchedSha256(), copy.basis()));
    }

    @Override
    public void cancelUpload(SegmentManifest s) {
        client.cancel(clip(s));
    }

    @Override
    public void interrupt(String reason) {
        client.interrupt(reason);
        sideServices().interrupt(reason);
    }

    @Override
    public void disconnectIdle() {
        client.disconnectIdle();
        sideServices().disconnectIdle();
    }

    /** Closes the camera's connections. */
    public void close() {
        client.close();
        sideServices().close();
    }
}
