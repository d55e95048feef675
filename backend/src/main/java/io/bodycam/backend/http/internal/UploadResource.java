package io.bodycam.backend.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One tus upload on the server: its length, metadata, committed offset and the SHA-256 of the bytes
 * committed so far (updated per chunk, never re-read). Several connections may touch the same upload
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
    final Path part;
    private FileChannel file;
    private long offset;
    private MessageDigest digest;
    private boolean terminated;

    UploadResource(String id, long length, UploadMetadata metadata, String deviceId, String segmentId,
                   String recordingId, String declaredSha256) {
        this(id, length, metadata, deviceId, segmentId, recordingId, declaredSha256, null, null);
    }

    UploadResource(String id, long length, UploadMetadata metadata, String deviceId, String segmentId,
                   String recordingId, String declaredSha256, Path part, FileChannel file) {
        this.part = part;
        this.file = file;
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

    /** tus "Termination"; false when it was already terminated. */
    synchronized boolean terminate() {
        boolean was = terminated;
        terminated = true;
        digest = null;
        closeFile();
        if (part != null) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a leftover part file is harmless: the folder belongs to the run
            }
        }
        return !was;
    }

    /**
     * Stores bytes a PATCH received at {@code position} (mp4 mode). They count only once the PATCH
     * commits; a discarded chunk is overwritten by the next attempt from the committed offset. Positional
     * writes to the page cache, on the connection's event loop.
     */
    void store(long position, ByteBuffer bytes) throws IOException {
        FileChannel ch;
        synchronized (this) {
            ch = file;
        }
        if (ch == null) {
            return;
        }
        ByteBuffer b = bytes.duplicate();
        long at = position;
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    /** Closes the stored file (the upload completed or ended). */
    synchronized void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // closing a written file does not fail in a way that matters here
            }
            file = null;
        }
    }
}
