package io.bodycam.backend.http.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's tus uploads by id. Terminated uploads are forgotten, so their URL answers 404 afterwards. Their
 * bytes go to a file in mp4 mode (to be checked) and when the server keeps uploads for read-back; else they
 * are hashed and dropped.
 */
final class UploadStore {

    private final Map<String, UploadResource> uploads = new ConcurrentHashMap<>();
    private final io.bodycam.backend.http.Mp4Arrivals arrivals;
    private final ObjectStore kept;

    /**
     * @param arrivals where uploads are stored and checked in mp4 mode, or null
     * @param kept     where uploads are kept for read-back ({@code GET /files/{id}}), or null
     */
    UploadStore(io.bodycam.backend.http.Mp4Arrivals arrivals, ObjectStore kept) {
        this.arrivals = arrivals;
        this.kept = kept;
    }

    UploadResource create(long length, UploadMetadata metadata, String deviceId, String segmentId,
                          String recordingId, String declaredSha256) {
        String id = UUID.randomUUID().toString().replace("-", "");
        PartFile part = arrivals != null ? new PartFile(arrivals.partFile(deviceId, segmentId, id), arrivals.disk())
                : kept != null ? kept.newFile("tus", deviceId + "/" + segmentId) : null;
        if (part != null) {
            // on the disk pool; a file that cannot be opened fails the upload's first PATCH with the reason
            part.open();
        }
        UploadResource upload = new UploadResource(id, length, metadata, deviceId, segmentId, recordingId,
                declaredSha256, part);
        uploads.put(id, upload);
        return upload;
    }

    Optional<UploadResource> get(String id) {
        return Optional.ofNullable(uploads.get(id));
    }

    /** Uploads neither completed nor terminated. */
    int incomplete() {
        return (int) uploads.values().stream().filter(UploadResource::incomplete).count();
    }

    /** Removes and terminates the upload; false when there was none. */
    boolean terminate(String id) {
        UploadResource upload = uploads.remove(id);
        return upload != null && upload.terminate();
    }
}
