package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A small request body read whole (an S3 CompleteMultipartUpload document), then handed to its endpoint; a
 * longer one than {@code limit} gets 413 and the connection closes.
 */
final class SmallBody implements RequestBody {

    private final int limit;
    private final Answers answers;
    private final Function<byte[], CompletionStage<FullHttpResponse>> then;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    SmallBody(int limit, Answers answers, Function<byte[], CompletionStage<FullHttpResponse>> then) {
        this.limit = limit;
        this.answers = answers;
        this.then = then;
    }

    @Override
    public FullHttpResponse immediate() {
        return null;
    }

    @Override
    public FullHttpResponse accept(ByteBuf piece) {
        if (bytes.size() + piece.readableBytes() > limit) {
            return Answers.closing(answers.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the body exceeds " + limit + " bytes"));
        }
        byte[] b = new byte[piece.readableBytes()];
        piece.readBytes(b);
        bytes.writeBytes(b);
        return null;
    }

    @Override
    public CompletionStage<FullHttpResponse> finish() {
        return then.apply(bytes.toByteArray());
    }

    @Override
    public void abort() {
        bytes.reset();
    }
}
