package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.backend.http.EvidenceStatus;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.backend.http.Mp4Arrivals;
import io.bodycam.sim.time.SimClock;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What every connection of the evidence server shares: its clock, ledger, configurations, limits,
 * uploads, injected faults, firmware releases, in mp4 mode the check of files on arrival
 * ({@code arrivals}, else null), who may upload as whom over mutual TLS, and the store of bodies kept for
 * read-back ({@code objects}, null unless {@link EvidenceServerConfig#readBack()} asks for one).
 */
record Backend(SimClock clock, EvidenceLedger ledger, DeviceConfigStore configs, EvidenceServerConfig limits,
               UploadStore uploads, Answers answers, HttpFaults faults, FirmwareReleases firmware, Mp4Arrivals arrivals,
               UploadIdentity identity, ObjectStore objects) {

    /**
     * Books a successful commit of {@code bytes} in the ledger, and the verdict when it completed the
     * upload; in mp4 mode the verdict waits for the file to be closed and checked, both off the event
     * loop. Completes once the verdict (if any) is booked, so the answer to the last PATCH comes after it.
     */
    CompletionStage<Void> committed(UploadResource upload, UploadResource.Commit commit, long bytes) {
        if (bytes > 0) {
            ledger.chunkCommitted(bytes);
        }
        if (commit.result() != UploadResource.Result.COMPLETED) {
            return CompletableFuture.completedFuture(null);
        }
        if (arrivals == null && upload.part != null) {
            // kept for read-back: the file is closed (all of it written) before the last PATCH is answered
            return upload.part.close().handle((v, error) -> {
                ledger.uploadCompleted(upload.deviceId, upload.segmentId, upload.recordingId, upload.declaredSha256,
                        commit.sha256(), upload.length);
                return null;
            });
        }
        if (arrivals == null || upload.part == null) {
            ledger.uploadCompleted(upload.deviceId, upload.segmentId, upload.recordingId, upload.declaredSha256,
                    commit.sha256(), upload.length);
            return CompletableFuture.completedFuture(null);
        }
        Path file = upload.part.path();
        return upload.part.close().thenCompose(v -> arrivals.check(file, upload.deviceId)).handle((problem, error) -> {
            String rejection = error != null ? "the check failed: " + error.getMessage() : problem.orElse(null);
            var entry = ledger.uploadCompleted(upload.deviceId, upload.segmentId, upload.recordingId,
                    upload.declaredSha256, commit.sha256(), upload.length, rejection);
            arrivals.settle(file, upload.deviceId, upload.segmentId, entry.status() == EvidenceStatus.VERIFIED
                    && rejection == null && commit.sha256().equals(upload.declaredSha256));
            return null;
        });
    }
}
