package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.link.ProofVerdict.ProvedBad;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.s3.S3Client;
import io.bodycam.sim.upload.s3.S3Outcome;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A camera's {@link EvidenceLink} to an S3-compatible bucket: each segment one object, named by the
 * client's key template, proved by reading the object back ({@link Proof#READ_BACK}) or by what the
 * server vouched for when it took it ({@link Proof#SERVER_CHECKSUM}: the signed payload hash of a
 * PutObject, or the composite checksum of a multipart upload with checksums on). There is no verdict
 * endpoint on S3, so {@link Proof#VERDICT} is refused. Side services come from {@code services}.
 */
public final class S3EvidenceLink extends ProvingLink<S3Outcome> {

    private final S3Client client;
    private final String agency;
    private final String officer;

    /**
     * @param agency  the camera's agency, for the key template
     * @param officer who wears the camera, for the key template
     * @throws IllegalArgumentException for {@link Proof#VERDICT}
     */
    public S3EvidenceLink(S3Client client, String agency, String officer, BackendServices services, UploadPacer lte,
                          Proof proof) {
        super(client.loop(), services, lte, proof);
        if (proof == Proof.VERDICT) {
            throw new IllegalArgumentException("proof VERDICT needs the reference backend's /evidence; an S3 link "
                    + "proves by READ_BACK, SERVER_CHECKSUM or NONE");
        }
        this.client = client;
        this.agency = Objects.requireNonNull(agency, "agency");
        this.officer = Objects.requireNonNull(officer, "officer");
    }

    /** The object key of {@code s}. */
    public String key(SegmentManifest s) {
        return client.config().keyTemplate().expand(s, agency, officer);
    }

    @Override
    CompletableFuture<UploadGuard.Sent<S3Outcome>> send(SegmentManifest s, SegmentSource payload, UploadPacer link,
                                                      ProgressListener progress) {
        return client.upload(key(s), s.sha256(), payload, link, progress)
                .thenApply(outcome -> new UploadGuard.Sent<>(outcome, outcome.bytesSent()));
    }

    @Override
    CompletableFuture<ProofVerdict> judge(SegmentManifest s, S3Outcome copy) {
        if (copy.refused()) {
            return CompletableFuture.completedFuture(new ProvedBad(proof(), "", copy.basis()));
        }
        if (proof() == Proof.READ_BACK) {
            return client.readBack(copy.key()).thenApply(back -> readBack(s, back, "s3://" + client.config().bucket()
                    + "/" + copy.key()));
        }
        return CompletableFuture.completedFuture(vouched(s, copy.vouchedSha256(), copy.basis()));
    }

    @Override
    public void cancelUpload(SegmentManifest s) {
        client.cancel(key(s));
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
