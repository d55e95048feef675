package io.bodycam.sim.link;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * A camera's {@link EvidenceLink} to a plain web server: each segment whole by PUT or POST, proved by
 * reading it back from the same URL ({@link Proof#READ_BACK}) or by a {@code Repr-Digest} the server
 * returned ({@link Proof#SERVER_CHECKSUM}; few servers do). {@link Proof#VERDICT} is refused: only the
 * reference backend has a verdict endpoint.
 */
public final class PutEvidenceLink extends ProvingLink<PutOutcome> {

    private final PutClient client;

    /** @throws IllegalArgumentException for {@link Proof#VERDICT} */
    public PutEvidenceLink(PutClient client, BackendServices services, UploadPacer lte, Proof proof) {
        super(client.loop(), services, lte, proof);
        if (proof == Proof.VERDICT) {
            throw new IllegalArgumentException("proof VERDICT needs the reference backend's /evidence; a plain PUT "
                    + "link proves by READ_BACK, SERVER_CHECKSUM or NONE");
        }
        this.client = client;
    }

    /** The body goes whole in one request: {@code progress} hears nothing. */
    @Override
    CompletableFuture<UploadGuard.Sent<PutOutcome>> send(SegmentManifest s, SegmentSource payload, UploadPacer link,
                                                       ProgressListener progress) {
        return client.upload(s, payload, link).thenApply(outcome -> new UploadGuard.Sent<>(outcome, outcome.bytesSent()));
    }

    @Override
    CompletableFuture<ProofVerdict> judge(SegmentManifest s, PutOutcome copy) {
        if (proof() == Proof.READ_BACK) {
            return client.readBack(copy.path(), s).thenApply(back -> readBack(s, back, copy.path()));
        }
        return CompletableFuture.completedFuture(vouched(s, copy.vouchedSha256(), copy.vouchedSha256().isPresent()
                ? "the server returned Repr-Digest" : "the server returned no Repr-Digest (RFC 9530) to vouch with"));
    }

    @Override
    public void cancelUpload(SegmentManifest s) {
        client.cancel(s);
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

    /** Closes the camera's connection. */
    public void close() {
        client.close();
        sideServices().close();
    }
}
