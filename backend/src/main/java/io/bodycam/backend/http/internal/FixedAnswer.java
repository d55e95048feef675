package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;

/** A request whose answer is known from its head: the body, if any, is drained up to a limit, then dropped. */
final class FixedAnswer implements RequestBody {

    private final FullHttpResponse answer;
    private final boolean closeNow;
    private final long drainLimit;
    private long drained;

    private FixedAnswer(FullHttpResponse answer, boolean closeNow, long drainLimit) {
        this.answer = answer;
        this.closeNow = closeNow;
        this.drainLimit = drainLimit;
    }

    /** Answers once the body (at most {@code drainLimit} bytes, else the connection closes early) is read. */
    static FixedAnswer afterBody(FullHttpResponse answer, long drainLimit) {
        return new FixedAnswer(answer, false, drainLimit);
    }

    /** Answers before reading the body and closes the connection. */
    static FixedAnswer now(FullHttpResponse answer) {
        return new FixedAnswer(Answers.closing(answer), true, 0);
    }

    @Override
    public FullHttpResponse immediate() {
        return closeNow ? answer : null;
    }

    @Override
    public FullHttpResponse accept(ByteBuf piece) {
        drained += piece.readableBytes();
        return drained > drainLimit ? Answers.closing(answer) : null;
    }

    @Override
    public java.util.concurrent.CompletionStage<FullHttpResponse> finish() {
        return java.util.concurrent.CompletableFuture.completedFuture(answer);
    }

    @Override
    public void abort() {
        answer.release();
    }
}
