package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.UploadRequest;
import io.bodycam.sim.upload.Verification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A camera's {@link EvidenceLink} over HTTP: tus 1.0.0 uploads with the segment's metadata
 * (docs/contract/README.md, "Upload metadata"), {@code /evidence} verdicts, {@code /time} and
 * {@code /devices/{id}/config}.
 */
public final class TusEvidenceLink implements EvidenceLink {

    private final TusClient client;
    private final String deviceId;
    private final String officer;
    private final UploadPacer lte;

    /** A link without an LTE limit of its own. */
    public TusEvidenceLink(TusClient client, String deviceId, String officer) {
        this(client, deviceId, officer, UploadPacer.UNLIMITED);
    }

    /** @param lte paces uploads over LTE (the camera's LTE bandwidth times the payload scale) */
    public TusEvidenceLink(TusClient client, String deviceId, String officer, UploadPacer lte) {
        this.client = client;
        this.deviceId = deviceId;
        this.officer = officer;
        this.lte = lte;
    }

    @Override
    public CompletionStage<TimeSample> time() {
        return client.time();
    }

    @Override
    public CompletionStage<DeviceConfigResponse> config() {
        return client.config(deviceId);
    }

    @Override
    public CompletionStage<Long> upload(SegmentManifest s, SegmentSource payload) {
        return upload(s, payload, null);
    }

    @Override
    public CompletionStage<Long> uploadOverLte(SegmentManifest s, SegmentSource payload) {
        return upload(s, payload, lte);
    }

    @Override
    public void cancelUpload(SegmentManifest s) {
        client.cancel(s.segmentId());
    }

    @Override
    public CompletionStage<byte[]> firmware(String path, long offset, int length) {
        return client.download(path, offset, length);
    }

    /** {@code link} null: the dock's. */
    private CompletionStage<Long> upload(SegmentManifest s, SegmentSource payload, UploadPacer link) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("deviceId", s.deviceId());
        meta.put("recordingId", s.recordingId());
        meta.put("segmentId", s.segmentId());
        meta.put("segmentIndex", Integer.toString(s.index()));
        meta.put("start", Long.toString(s.start()));
        meta.put("end", Long.toString(s.end()));
        meta.put("bytes", Long.toString(s.bytes()));
        meta.put("officer", officer);
        meta.put("category", s.category());
        meta.put("preEventSeconds", Double.toString(s.preEventMillis() / 1000.0));
        meta.put("filename", s.segmentId() + (s.mp4() ? ".mp4" : ".bin"));
        UploadRequest request = new UploadRequest(s.segmentId(), meta, payload, s.sha256());
        return (link == null ? client.upload(request) : client.upload(request, link)).thenApply(UploadOutcome::bytesSent);
    }

    @Override
    public CompletionStage<Verification> verify(SegmentManifest s) {
        return client.verify(deviceId, s.segmentId());
    }

    @Override
    public void interrupt(String reason) {
        client.interrupt(reason);
    }

    /** Closes the camera's HTTP connection. */
    public void close() {
        client.close();
    }
}
