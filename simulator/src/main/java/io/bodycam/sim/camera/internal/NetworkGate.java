package io.bodycam.sim.camera.internal;

import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.Verification;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The camera's HTTP side behind a switch the world can pull: while the network is pulled every call
 * fails at once, as a request to an unreachable backend would, and what was in flight when it went is
 * cut; once it is back, calls go through again and an unfinished upload resumes. Touched only on the
 * camera's thread.
 */
public final class NetworkGate implements EvidenceLink {

    private final EvidenceLink link;
    private final Scheduler scheduler;
    private long downUntil = Long.MIN_VALUE;

    public NetworkGate(EvidenceLink link, Scheduler scheduler) {
        this.link = link;
        this.scheduler = scheduler;
    }

    /** Takes the network away for {@code millis} of virtual time, cutting what is in flight. */
    public void pull(long millis) {
        downUntil = Math.max(downUntil, scheduler.now() + millis);
        link.interrupt("network pulled");
    }

    /** True while the network is pulled. */
    public boolean down() {
        return scheduler.now() < downUntil;
    }

    private <T> CompletionStage<T> refused() {
        return CompletableFuture.failedFuture(new UploadException(UploadException.Kind.CONNECT_FAILED,
                "network pulled: the backend is unreachable"));
    }

    @Override
    public CompletionStage<TimeSample> time() {
        return down() ? refused() : link.time();
    }

    @Override
    public CompletionStage<DeviceConfigResponse> config() {
        return down() ? refused() : link.config();
    }

    @Override
    public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        return down() ? refused() : link.upload(segment, payload, progress);
    }

    @Override
    public CompletionStage<Verification> verify(SegmentManifest segment) {
        return down() ? refused() : link.verify(segment);
    }

    @Override
    public void interrupt(String reason) {
        link.interrupt(reason);
    }

    @Override
    public void disconnectIdle() {
        link.disconnectIdle();
    }

    @Override
    public CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        return down() ? refused() : link.uploadOverLte(segment, payload, progress);
    }

    @Override
    public void cancelUpload(SegmentManifest segment) {
        link.cancelUpload(segment);
    }

    @Override
    public CompletionStage<byte[]> firmware(String path, long offset, int length) {
        return down() ? refused() : link.firmware(path, offset, length);
    }
}
