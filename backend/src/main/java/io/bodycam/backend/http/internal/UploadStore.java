package io.bodycam.backend.http.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The server's tus uploads by id. Terminated uploads are forgotten, so their URL answers 404 afterwards. */
final class UploadStore {

    private final Map<String, UploadResource> uploads = new ConcurrentHashMap<>();
    private final io.bodycam.backend.http.Mp4Arrivals arrivals;

    /** @param arrivals where uploads are stored and checked in mp4 mode, or null */
    UploadStore(io.bodycam.backend.http.Mp4Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    UploadResource create(long length, UploadMetadata metadata, String deviceId, String segmentId,
                          String recordingId, String declaredSha256) {
        String id = UUID.randomUUID().toString().replace("-", "");
        PartFile part = arrivals == null ? null : new PartFile(arrivals.partFile(deviceId, segmentId, id), arrivals);
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
