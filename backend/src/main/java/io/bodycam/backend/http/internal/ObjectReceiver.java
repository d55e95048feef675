package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Streams one whole-object body (a plain PUT, an S3 PutObject or part, a Swift object) into its own file,
 * off the event loop with backpressure ({@link BodyWriter}), hashing MD5 and SHA-256 as it arrives. Only a
 * body that ended whole and was written reaches the endpoint's {@code done}, which keeps the file or refuses
 * it; a body cut short, too long or not writable leaves nothing behind.
 */
final class ObjectReceiver implements RequestBody {

    /** A body that arrived whole: its closed file, length and hashes (lower-case hex). */
    record Received(PartFile file, long bytes, String md5Hex, String sha256Hex) {
    }

    private final ObjectStore store;
    private final PartFile file;
    private final long limit;
    private final Answers answers;
    private final Function<Received, FullHttpResponse> done;
    private final BodyWriter writer;
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private long received;

    /**
     * @param limit   the most bytes the body may have (longer: 413 and the connection closes)
     * @param done    what the endpoint answers to a body that arrived whole; it keeps or deletes the file.
     *                Runs on the disk pool or the event loop.
     */
    ObjectReceiver(ObjectStore store, PartFile file, long limit, Answers answers, Channel channel,
                   Function<Received, FullHttpResponse> done) {
        this.store = store;
        this.file = file;
        this.limit = limit;
        this.answers = answers;
        this.done = done;
        this.writer = new BodyWriter(file, channel);
        file.open();
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
            return Answers.closing(answers.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the body exceeds " + limit + " bytes"));
        }
        if (writer.failure() != null) {
            abort();
            return Answers.closing(cannotStore(writer.failure()));
        }
        writer.write(received, piece);
        for (ByteBuffer b : piece.nioBuffers()) {
            md5.update(b.duplicate());
            sha256.update(b);
        }
        received += n;
        return null;
    }

    @Override
    public CompletionStage<FullHttpResponse> finish() {
        return writer.drained().thenCompose(v -> file.close()).handle((v, error) -> {
            if (error != null) {
                store.delete(file.path());
                return cannotStore(error);
            }
            return done.apply(new Received(file, received, HexFormat.of().formatHex(md5.digest()),
                    HexFormat.of().formatHex(sha256.digest())));
        });
    }

    @Override
    public void abort() {
        writer.abort();
        file.delete();
    }

    private FullHttpResponse cannotStore(Throwable why) {
        Throwable cause = why.getCause() != null ? why.getCause() : why;
        return answers.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot store the body: " + cause.getMessage());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
