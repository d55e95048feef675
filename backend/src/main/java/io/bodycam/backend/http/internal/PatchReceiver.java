package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.Mutant;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
 *
 * <p>In mp4 mode the pieces are also written to the upload's file, off the event loop
 * ({@link BodyWriter}); the PATCH commits, and is answered, only once all of them are in the file.
 */
final class PatchReceiver implements RequestBody {

    private final Backend backend;
    private final UploadResource upload;
    private final UploadResource.Start start;
    private final UploadChecksum checksum;
    private final long limit;
    /** Writes the body to the upload's file in mp4 mode; null when the upload is kept in memory. */
    private final BodyWriter writer;
    private long received;

    /**
     * @param checksum null when the PATCH had no {@code Upload-Checksum}
     * @param channel  the connection the body arrives on (paused while a write is under way)
     */
    PatchReceiver(Backend backend, UploadResource upload, UploadResource.Start start, UploadChecksum checksum,
                  long limit, Channel channel) {
        this.backend = backend;
        this.upload = upload;
        this.start = start;
        this.checksum = checksum;
        this.limit = limit;
        this.writer = upload.part == null ? null : new BodyWriter(upload.part, channel);
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
            abort();
            return Answers.closing(tooLarge());
        }
        if (writer != null && writer.failure() != null) {
            abort();
            return Answers.closing(cannotStore(writer.failure()));
        }
        if (writer != null) {
            writer.write(start.offset() + received, piece);
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
        if (writer == null) {
            return commit();
        }
        return writer.drained().handle((v, error) -> error).thenCompose(error -> error == null ? commit()
                : done(Answers.closing(cannotStore(error))));
    }

    private CompletionStage<FullHttpResponse> commit() {
        Answers answers = backend.answers();
        if (checksum != null && !checksum.matches() && !backend.limits().mutant(Mutant.ACCEPTS_WRONG_CHECKSUM)) {
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
        // nothing was committed; the digest copies are dropped with this object, unwritten pieces released
        if (writer != null) {
            writer.abort();
        }
    }

    private FullHttpResponse cannotStore(Throwable why) {
        return Answers.tus(backend.answers().text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "cannot store the upload: " + why.getMessage()));
    }

    private FullHttpResponse tooLarge() {
        return Answers.tus(backend.answers().text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "PATCH body exceeds " + limit + " bytes (the upload's remaining length or the PATCH limit)"));
    }
}
