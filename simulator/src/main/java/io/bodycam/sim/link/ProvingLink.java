package io.bodycam.sim.link;

import io.bodycam.sim.link.ProofVerdict.NotStored;
import io.bodycam.sim.link.ProofVerdict.Proved;
import io.bodycam.sim.link.ProofVerdict.ProvedBad;
import io.bodycam.sim.link.ProofVerdict.Unprovable;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.ReadBack;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.Verification;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the links of every upload protocol share: the {@link UploadGuard} that keeps a completed upload
 * from going out again unproved, the proof's judgement of what a server answered, the LTE pacing of a
 * priority upload, and side services from elsewhere. A protocol adds how a segment is sent and how its
 * copy is read back.
 *
 * @param <C> what a completed upload leaves for its proof
 */
abstract class ProvingLink<C> implements EvidenceLink {

    private final BackendServices services;
    private final UploadPacer lte;
    private final Proof proof;
    private final UploadGuard<C> guard;

    ProvingLink(EventLoop loop, BackendServices services, UploadPacer lte, Proof proof) {
        this.services = Objects.requireNonNull(services, "services");
        this.lte = Objects.requireNonNull(lte, "lte");
        this.proof = Objects.requireNonNull(proof, "proof");
        this.guard = new UploadGuard<>(loop, proof);
    }

    /**
     * Sends the segment ({@code link} null: the dock's pacing), telling {@code progress} what the server
     * holds where the protocol says; completes with what the proof needs.
     */
    abstract CompletableFuture<UploadGuard.Sent<C>> send(SegmentManifest s, SegmentSource payload, UploadPacer link,
                                                         ProgressListener progress);

    /**
     * What {@code proof} (never {@link Proof#NONE}) says of {@code copy}, the copy of a completed upload
     * ({@code null} only for the {@link Proof#VERDICT verdict}, which asks the backend either way).
     */
    abstract CompletableFuture<ProofVerdict> judge(SegmentManifest s, C copy);

    public final Proof proof() {
        return proof;
    }

    /** The side services, whose own client (if they have one) the link interrupts, idles and closes with its own. */
    final BackendServices sideServices() {
        return services;
    }

    @Override
    public final CompletionStage<Long> upload(SegmentManifest s, SegmentSource payload, ProgressListener progress) {
        return guard.upload(s.segmentId(), () -> send(s, payload, null, progress));
    }

    @Override
    public final CompletionStage<Long> uploadOverLte(SegmentManifest s, SegmentSource payload, ProgressListener progress) {
        return guard.upload(s.segmentId(), () -> send(s, payload, lte, progress));
    }

    @Override
    public final CompletionStage<ProofVerdict> prove(SegmentManifest s) {
        return guard.prove(s.segmentId(), copy -> {
            if (copy == null && proof != Proof.VERDICT) {
                return CompletableFuture.completedFuture(new NotStored("no upload of " + s.segmentId()
                        + " completed over this link"));
            }
            if (proof == Proof.NONE) {
                return CompletableFuture.completedFuture(new Unprovable(proof, "no proof is configured: "
                        + "the camera keeps what it uploaded"));
            }
            return judge(s, copy);
        });
    }

    /** The proof's verdict in the reference contract's terms ({@link ProofVerdict#asVerification}). */
    @Override
    public CompletionStage<Verification> verify(SegmentManifest s) {
        return prove(s).thenApply(v -> v.asVerification(s));
    }

    @Override
    public final CompletionStage<TimeSample> time() {
        return services.time();
    }

    @Override
    public final CompletionStage<DeviceConfigResponse> config() {
        return services.config();
    }

    @Override
    public final CompletionStage<byte[]> firmware(String path, long offset, int length) {
        return services.firmware(path, offset, length);
    }

    /**
     * The read-back proof: the object read back hashes to the segment's SHA-256 (proved) or to another
     * (proved bad); any answer but 200 proves nothing, since a server that does not serve objects back
     * must not make the camera send them again.
     */
    static ProofVerdict readBack(SegmentManifest s, ReadBack back, String where) {
        if (back.matches(s.sha256())) {
            return new Proved(Proof.READ_BACK, back.sha256(), "read back " + back.bytes() + " bytes from " + where);
        }
        if (back.status() == 200) {
            return new ProvedBad(Proof.READ_BACK, back.sha256(), "read back " + back.bytes() + " bytes from " + where
                    + " hashing to " + back.sha256() + ", recorded " + s.sha256());
        }
        return new Unprovable(Proof.READ_BACK, "GET " + where + " answered " + back.status() + " " + back.message()
                + ": the server does not serve the object back");
    }

    /**
     * The server-checksum proof: the SHA-256 the server vouched for is the segment's (proved) or another
     * (proved bad); none proves nothing ({@code basis} says why).
     */
    static ProofVerdict vouched(SegmentManifest s, Optional<String> sha256, String basis) {
        return sha256.<ProofVerdict>map(sha -> sha.equalsIgnoreCase(s.sha256())
                        ? new Proved(Proof.SERVER_CHECKSUM, sha, basis)
                        : new ProvedBad(Proof.SERVER_CHECKSUM, sha, basis + "; recorded " + s.sha256()))
                .orElseGet(() -> new Unprovable(Proof.SERVER_CHECKSUM, basis));
    }
}
