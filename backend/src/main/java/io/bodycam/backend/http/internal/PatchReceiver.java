package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Streams one PATCH body into an upload: each piece extends a copy of the upload's SHA-256 and the
 * chunk's {@code Upload-Checksum} digest as it arrives; nothing is committed until the body has ended
 * and the checksum matched. A body cut short by a broken connection commits nothing, since it could
 * not be checked (tus 1.0.0, "Checksum": on a mismatch "the uploaded chunk MUST be discarded, and the
 * upload and its offset MUST NOT be updated").
 */
final class PatchReceiver implements RequestBody {

    private final Backend backend;
    private final UploadResource upload;
    private final UploadResource.Start start;
    private final UploadChecksum checksum;
    private final long limit;
    private long received;

    /** {@code checksum} null when the PATCH had no {@code Upload-Checksum}. */
    PatchReceiver(Backend backend, UploadResource upload, UploadResource.Start start, UploadChecksum checksum,
                  long limit) {
        this.backend = backend;
        this.upload = upload;
        this.start = start;
        this.checksum = checksum;
        this.limit = limit;
    }

    @Override
    public FullHttpResponse immediate() {
        return null;
    }

    @Override
    public FullHttpResponse accept(ByteBuf piece) {
        int n = piece.readableBytes();
        if (n == 0) {
            return null;
        }
        if (received + n > limit) {
            return Answers.closing(tooLarge());
        }
        try {
            long at = start.offset() + received;
            for (ByteBuffer b : piece.nioBuffers()) {
                upload.store(at, b);
                at += b.remaining();
            }
        } catch (java.io.IOException e) {
            return Answers.closing(Answers.tus(backend.answers().text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "cannot store the upload: " + e.getMessage())));
        }
        for (ByteBuffer b : piece.nioBuffers()) {
            if (start.digest() != null) {
                start.digest().update(b.duplicate());
            }
            if (checksum != null) {
                checksum.update(b);
            }
        }
        received += n;
        return null;
    }

    @Override
    public CompletionStage<FullHttpResponse> finish() {
        Answers answers = backend.answers();
        if (checksum != null && !checksum.matches()) {
            backend.ledger().checksumFailed();
            return done(Answers.tus(answers.text(Answers.CHECKSUM_MISMATCH,
                    "the chunk at offset " + start.offset() + " does not match its Upload-Checksum; not committed")));
        }
        UploadResource.Commit commit = upload.commit(start.offset(), received, start.digest());
        switch (commit.result()) {
            case GONE:
                return done(Answers.tus(answers.text(HttpResponseStatus.NOT_FOUND, "upload " + upload.id + " was terminated")));
            case CONFLICT:
                return done(Answers.tus(answers.text(HttpResponseStatus.CONFLICT, "Upload-Offset " + start.offset()
                        + " no longer matches the upload's offset " + commit.offset())));
            default:
                return backend.committed(upload, commit, received).thenApply(v -> {
                    FullHttpResponse ok = Answers.tus(answers.empty(HttpResponseStatus.NO_CONTENT));
                    ok.headers().set("Upload-Offset", commit.offset());
                    return ok;
                });
        }
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public void abort() {
        // nothing was committed; the digest copies are dropped with this object
    }

    private FullHttpResponse tooLarge() {
        return Answers.tus(backend.answers().text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "PATCH body exceeds " + limit + " bytes (the upload's remaining length or the PATCH limit)"));
    }
}
