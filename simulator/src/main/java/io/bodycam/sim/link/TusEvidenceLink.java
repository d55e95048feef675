package io.bodycam.sim.link;

import io.bodycam.sim.link.ProofVerdict.NotStored;
import io.bodycam.sim.link.ProofVerdict.Proved;
import io.bodycam.sim.link.ProofVerdict.ProvedBad;
import io.bodycam.sim.link.ProofVerdict.Unprovable;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.UploadRequest;
import io.bodycam.sim.upload.Verification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A camera's {@link EvidenceLink} over tus 1.0.0: uploads with the segment's metadata
 * (docs/contract/README.md, "Upload metadata"), proved by the link's {@link Proof}: the reference
 * backend's {@code /evidence} verdict, a read-back of the finished upload from its URL, or the server's
 * check of every chunk's {@code Upload-Checksum}. Time, config and firmware go to the reference
 * contract's endpoints over the same client.
 */
public final class TusEvidenceLink extends ProvingLink<UploadOutcome> {

    private final TusClient client;
    private final String deviceId;
    private final String officer;
    /** The backend's last verdict per segment, from the verdict proof, until {@link #verify} hands it on. */
    private final Map<String, Verification> verdicts = new HashMap<>();

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
        this(client, deviceId, officer, lte, proof, java.util.EnumSet.allOf(SideService.class));
    }

    /**
     * @param offered which of the reference contract's side services the server also offers, over this
     *                client; every other says it is not offered, as a plain tus server would
     */
    public TusEvidenceLink(TusClient client, String deviceId, String officer, UploadPacer lte, Proof proof,
                           java.util.Set<SideService> offered) {
        super(client.loop(), BackendServices.only(BackendServices.reference(client, deviceId), offered), lte, proof);
        this.client = client;
        this.deviceId = deviceId;
        this.officer = officer;
    }

    @Override
    public void cancelUpload(SegmentManifest s) {
        client.cancel(s.segmentId());
    }

    @Override
    CompletableFuture<UploadGuard.Sent<UploadOutcome>> send(SegmentManifest s, SegmentSource payload, UploadPacer link,
                                                          ProgressListener progress) {
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
        return client.upload(request, link, progress)
                .thenApply(outcome -> new UploadGuard.Sent<>(outcome, outcome.bytesSent()));
    }

    @Override
    CompletableFuture<ProofVerdict> judge(SegmentManifest s, UploadOutcome copy) {
        switch (proof()) {
            case VERDICT:
                return client.verify(deviceId, s.segmentId()).thenApply(v -> {
                    verdicts.put(s.segmentId(), v);
                    return judge(s, v);
                });
            case READ_BACK:
                return client.readBack(copy.uploadUrl()).thenApply(back -> readBack(s, back, copy.uploadUrl().toString()));
            default:
                return CompletableFuture.completedFuture(vouched(s, copy.checksummedSha256(),
                        copy.checksummedSha256().isPresent() ? "the server checked every chunk's Upload-Checksum"
                                : "the server did not check every chunk against an Upload-Checksum (it offers no "
                                        + "algorithm this camera has, or a chunk was cut)"));
        }
    }

    /**
     * With the {@link Proof#VERDICT verdict} proof, the backend's own verdict as it gave it (so a camera
     * keeps reacting to the reference contract's statuses) unless the link's rule overrode it; with any
     * other proof, the proof's verdict in the contract's terms ({@link ProofVerdict#asVerification}).
     */
    @Override
    public CompletionStage<Verification> verify(SegmentManifest s) {
        if (proof() != Proof.VERDICT) {
            return super.verify(s);
        }
        return prove(s).thenApply(verdict -> {
            Verification raw = verdicts.remove(s.segmentId());
            return raw != null && judge(s, raw).equals(verdict) ? raw : verdict.asVerification(s);
        });
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
        sideServices().interrupt(reason);
    }

    @Override
    public void disconnectIdle() {
        client.disconnectIdle();
        sideServices().disconnectIdle();
    }

    /** Closes the camera's HTTP connection. */
    public void close() {
        client.close();
        sideServices().close();
    }
}
