package io.bodycam.backend.http.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One tus upload on the server: its length, metadata, committed offset and the SHA-256 of the bytes
 * committed so far (updated per chunk, never re-read); in mp4 mode also the file its bytes go to. A
 * PATCH's bytes count only once it commits; a discarded chunk is overwritten by the next attempt from
 * the committed offset. Several connections may touch the same upload
 * (a camera retrying while its old connection lingers), so every change is a compare-and-set on the
 * offset under this object's lock.
 */
final class UploadResource {

    /** What became of a commit. */
    enum Result { COMMITTED, COMPLETED, CONFLICT, GONE }

    /** A PATCH's starting point: the offset and a copy of the digest to extend. */
    record Start(long offset, MessageDigest digest) {
    }

    /** The outcome of a commit, with the offset after it and, once COMPLETED, the file's hex SHA-256. */
    record Commit(Result result, long offset, String sha256) {
    }

    final String id;
    final long length;
    final UploadMetadata metadata;
    final String deviceId;
    final String segmentId;
    final String recordingId;
    final String declaredSha256;
    /** Where the bytes are stored in mp4 mode (checked on arrival), else null: hashed and dropped. */
    final PartFile part;
    private long offset;
    private MessageDigest digest;
    private boolean terminated;

    UploadResource(String id, long length, UploadMetadata metadata, String deviceId, String segmentId,
                   String recordingId, String declaredSha256, PartFile part) {
        this.part = part;
        this.id = id;
        this.length = length;
        this.metadata = metadata;
        this.deviceId = deviceId;
        this.segmentId = segmentId;
        this.recordingId = recordingId;
        this.declaredSha256 = declaredSha256;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    synchronized long offset() {
        return offset;
    }

    /** Where a PATCH starts, or null when the upload was terminated. */
    synchronized Start begin() {
        if (terminated) {
            return null;
        }
        if (digest == null) {
            return new Start(offset, null);
        }
        try {
            return new Start(offset, (MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    /**
     * Commits {@code bytes} that a PATCH starting at {@code from} received and hashed into
     * {@code extended}. tus 1.0.0, "PATCH": offsets that do not match get "409 Conflict [...] without
     * modifying the upload resource".
     */
    synchronized Commit commit(long from, long bytes, MessageDigest extended) {
        if (terminated) {
            return new Commit(Result.GONE, offset, null);
        }
        if (from != offset || digest == null && bytes > 0) {
            return new Commit(Result.CONFLICT, offset, null);
        }
        if (digest == null) {
            return new Commit(Result.COMMITTED, offset, null);
        }
        offset += bytes;
        if (offset < length) {
            digest = extended;
            return new Commit(Result.COMMITTED, offset, null);
        }
        digest = null;
        return new Commit(Result.COMPLETED, offset, HexFormat.of().formatHex(extended.digest()));
    }

    /** True until the last byte is committed or the upload is terminated. */
    synchronized boolean incomplete() {
        return !terminated && digest != null;
    }

    /**
     * tus "Termination"; false when it was already terminated. In mp4 mode the file is deleted on the disk
     * pool after its last write (a leftover part file would be harmless: the folder belongs to the run).
     */
    synchronized boolean terminate() {
        boolean was = terminated;
        terminated = true;
        digest = null;
        if (part != null && !was) {
            part.delete();
        }
        return !was;
    }
}
