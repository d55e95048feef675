package io.bodycam.sim.link;

import io.bodycam.sim.upload.internal.LoopTimers;
import io.netty.channel.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rule every link keeps, whatever its protocol: an upload that completed is never sent again unless
 * a proof says the stored copy is bad (a camera that re-sends what it cannot prove is an upload
 * amplifier). Remembers, per segment, the copy the last completed upload left ({@code C}: a tus upload
 * URL, an S3 object and its checksums...) until a proof settles it: proved good, the segment is
 * forgotten (the camera deletes it); proved bad, the next upload starts afresh; unprovable, the verdict
 * is kept and given again without asking the server. Touched on the camera's loop only.
 *
 * @param <C> what a completed upload left for its proof
 */
final class UploadGuard<C> {

    /** What {@link #upload} hands the guard when an upload completed: the copy, and the bytes this call sent. */
    record Sent<C>(C copy, long bytes) {
    }

    private final EventLoop loop;
    private final Proof proof;
    private final Map<String, C> completed = new HashMap<>();
    private final Map<String, ProofVerdict> unprovable = new HashMap<>();

    /** @param loop the camera's event loop, where the guard's state lives */
    UploadGuard(EventLoop loop, Proof proof) {
        this.loop = loop;
        this.proof = proof;
    }

    /**
     * Runs {@code send} unless an upload of {@code segmentId} already completed and no proof has called
     * it bad; then completes with 0 bytes sent and sends nothing.
     */
    CompletableFuture<Long> upload(String segmentId, Supplier<CompletableFuture<Sent<C>>> send) {
        return LoopTimers.call(loop, () -> {
            if (completed.containsKey(segmentId)) {
                return CompletableFuture.completedFuture(0L);
            }
            return send.get().thenApply(sent -> {
                completed.put(segmentId, sent.copy());
                return sent.bytes();
            });
        });
    }

    /**
     * Runs {@code prover} on the copy the last completed upload left ({@code null} when none did) and
     * settles the segment by its verdict. A copy this link completed that the server says it does not
     * hold is unprovable, not a reason to send it again.
     */
    CompletableFuture<ProofVerdict> prove(String segmentId, Function<C, CompletableFuture<ProofVerdict>> prover) {
        return LoopTimers.call(loop, () -> {
            ProofVerdict known = unprovable.get(segmentId);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            C copy = completed.get(segmentId);
            return prover.apply(copy).thenApply(verdict -> settle(segmentId, copy != null, verdict));
        });
    }

    private ProofVerdict settle(String segmentId, boolean uploaded, ProofVerdict verdict) {
        if (verdict instanceof ProofVerdict.Proved || verdict instanceof ProofVerdict.ProvedBad) {
            completed.remove(segmentId);
            return verdict;
        }
        if (!uploaded) {
            return verdict;
        }
        ProofVerdict kept = verdict instanceof ProofVerdict.NotStored n
                ? new ProofVerdict.Unprovable(proof, "the upload completed, yet the server says: " + n.detail())
                : verdict;
        unprovable.put(segmentId, kept);
        return kept;
    }
}
