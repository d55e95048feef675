package io.bodycam.bench.backend.http.internal;

import io.bodycam.bench.backend.http.DeviceConfigStore;
import io.bodycam.bench.backend.http.EvidenceLedger;
import io.bodycam.bench.backend.http.EvidenceServerConfig;
import io.bodycam.bench.backend.http.FirmwareReleases;
import io.bodycam.bench.backend.http.HttpFaults;
import io.bodycam.sim.time.SimClock;

/**
 * What every connection of the evidence server shares: its clock, ledger, configurations, limits,
 * uploads, injected faults and firmware releases.
 */
record Backend(SimClock clock, EvidenceLedger ledger, DeviceConfigStore configs, EvidenceServerConfig limits,
               UploadStore uploads, Answers answers, HttpFaults faults, FirmwareReleases firmware) {

    /** Books a successful commit of {@code bytes} in the ledger, and the verdict when it completed the upload. */
    void committed(UploadResource upload, UploadResource.Commit commit, long bytes) {
        if (bytes > 0) {
            ledger.chunkCommitted(bytes);
        }
        if (commit.result() == UploadResource.Result.COMPLETED) {
            ledger.uploadCompleted(upload.deviceId, upload.segmentId, upload.recordingId, upload.declaredSha256,
                    commit.sha256(), upload.length);
        }
    }
}
