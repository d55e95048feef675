package io.bodycam.sim.link;

import io.bodycam.sim.link.ProofVerdict.NotStored;
import io.bodycam.sim.link.ProofVerdict.Proved;
import io.bodycam.sim.link.ProofVerdict.ProvedBad;
import io.bodycam.sim.link.ProofVerdict.Unprovable;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A camera's {@link EvidenceLink} over tus 1.0.0: uploads with the segment's metadata
 * (docs/contract/README.md, "Upload metadata"), proved by the link's {@link Proof}: the reference
 * backend's {@code /evidence} verdict, a read-back of the finished upload from its URL, or the server's
 * check of every chunk's {@code Upload-Checksum}. Time, config and firmware go to the reference
 * contract's endpoints over the same client.
 */
public final class TusEvidenceLink implements EvidenceLink {

    private final TusClient client;
    private final String deviceId;
    private final String officer;
    private final UploadPacer lte;
    private final Proof proof;
    private final UploadGuard<UploadOutcome> guard;

    /** A link proved by the reference verdict, without an LTE limit of its own. */
    public TusEvidenceLink(TusClient client, String deviceId, String officer) {
        this(client, deviceId, officer, UploadPacer.UNLIMITED);
    }

    /** A link proved by the reference verdict; {@code lte} paces uploads over LTE. */
    public TusEvidenceLink(TusClient client, String deviceId, String officer, UploadPacer lte) {
        this(client, deviceId, officer, lte, Proof.VERDICT);
    }

    /**
     * @param lte   paces uploads over LTE (the camera's LTE bandwidth times the payload scale)
     * @param proof what lets the camera delete an uploaded segment
     */
    public TusEvidenceLink(TusClient client, String deviceId, String officer, UploadPacer lte, Proof proof) {
        this.client = Objects.requireNonNull(client, "client");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.officer = Objects.requireNonNull(officer, "officer");
        this.lte = Objects.requireNonNull(lte, "lte");
        this.proof = Objects.requireNonNull(proof, "proof");
        this.guard = new UploadGuard<>(client.loop(), proof);
    }

    public Proof proof() {
        return proof;
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
        return guard.upload(s.segmentId(), () -> (link == null ? client.upload(request) : client.upload(request, link))
                .thenApply(outcome -> new UploadGuard.Sent<>(outcome, outcome.bytesSent())));
    }

    @Override
    public CompletionStage<ProofVerdict> prove(SegmentManifest s) {
        return guard.prove(s.segmentId(), copy -> prover(s, copy, new Verification[1]));
    }

    /**
     * With the {@link Proof#VERDICT verdict} proof, the backend's own verdict as it gave it (so a camera
     * keeps reacting to the reference contract's statuses); with any other proof, the proof's verdict in
     * the contract's terms ({@link ProofVerdict#asVerification}).
     */
    @Override
    public CompletionStage<Verification> verify(SegmentManifest s) {
        Verification[] raw = new Verification[1];
        ProofVerdict[] judged = new ProofVerdict[1];
        return guard.prove(s.segmentId(), copy -> prover(s, copy, raw).thenApply(v -> judged[0] = v))
                .thenApply(verdict -> raw[0] != null && verdict == judged[0] ? raw[0] : verdict.asVerification(s));
    }

    private CompletableFuture<ProofVerdict> prover(SegmentManifest s, UploadOutcome copy, Verification[] raw) {
        if (proof == Proof.VERDICT) {
            return client.verify(deviceId, s.segmentId()).thenApply(v -> {
                raw[0] = v;
                return judge(s, v);
            });
        }
        if (copy == null) {
            return CompletableFuture.completedFuture(new NotStored("no upload of " + s.segmentId()
                    + " completed over this link"));
        }
        switch (proof) {
            case READ_BACK:
                return client.readBack(copy.uploadUrl()).thenApply(back -> {
                    if (back.matches(s.sha256())) {
                        return new Proved(proof, back.sha256(), "read back " + back.bytes() + " bytes from "
                                + copy.uploadUrl());
                    }
                    if (back.status() == 200) {
                        return new ProvedBad(proof, back.sha256(), "read back " + back.bytes() + " bytes from "
                                + copy.uploadUrl() + " hashing to " + back.sha256() + ", recorded " + s.sha256());
                    }
                    return new Unprovable(proof, "GET " + copy.uploadUrl() + " answered " + back.status() + " "
                            + back.message() + ": the server does not serve the upload back");
                });
            case SERVER_CHECKSUM:
                return CompletableFuture.completedFuture(copy.checksummedSha256().<ProofVerdict>map(sha ->
                        sha.equals(s.sha256())
                                ? new Proved(proof, sha, "the server checked every chunk's Upload-Checksum")
                                : new ProvedBad(proof, sha, "the server checked bytes hashing to " + sha
                                        + ", recorded " + s.sha256()))
                        .orElseGet(() -> new Unprovable(proof, "the server did not check every chunk against an "
                                + "Upload-Checksum (it offers no algorithm this camera has, or a chunk was cut)")));
            default:
                return CompletableFuture.completedFuture(new Unprovable(proof, "no proof is configured: "
                        + "the camera keeps what it uploaded"));
        }
    }

    /** The reference backend's verdict as a proof. */
    static ProofVerdict judge(SegmentManifest s, Verification v) {
        String status = v.status().name().toLowerCase(Locale.ROOT);
        if (v.confirms(s.sha256())) {
            return new Proved(Proof.VERDICT, v.sha256(), "the backend verified it");
        }
        if (v.status() == Verification.Status.CORRUPT && v.sha256().equalsIgnoreCase(s.sha256())) {
            return new Unprovable(Proof.VERDICT, "the backend holds exactly these bytes and refused them");
        }
        if (v.status() == Verification.Status.CORRUPT || v.status() == Verification.Status.VERIFIED) {
            return new ProvedBad(Proof.VERDICT, v.sha256(), "the backend holds a " + status + " copy hashing to "
                    + v.sha256() + ", recorded " + s.sha256());
        }
        return new NotStored("the backend's verdict is " + status);
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
