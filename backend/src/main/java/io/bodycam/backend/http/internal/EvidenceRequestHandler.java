package io.bodycam.backend.http.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.bodycam.backend.http.HttpFaults;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence server's request handler, one per connection, after the HTTP codec: routes each
 * request head, streams its body (a PATCH chunk is never held whole) and writes the answer when the
 * body ends, or earlier with the connection closed after it when the body must not be read at all.
 * Bodies are released here piece by piece. Every answer is counted in the ledger (4xx, 5xx).
 *
 * <p>Injected {@link HttpFaults} act here: an error answer instead of the endpoint's (the body is
 * drained, nothing committed), a delay before the answer, or a committed PATCH whose answer is
 * withheld (the connection is closed, or left hanging with everything it sends ignored).
 */
public final class EvidenceRequestHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "evidence-requests";
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRequestHandler.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Backend backend;
    private final Routes routes;
    private RequestBody body;
    private HttpFaults.Decision fault = HttpFaults.Decision.NONE;
    private boolean closing;

    EvidenceRequestHandler(Backend backend, Routes routes) {
        this.backend = backend;
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                fault = request.decoderResult().isSuccess() && Routes.isUpload(request)
                        ? backend.faults().decide(Routes.isPatch(request)) : HttpFaults.Decision.NONE;
                if (!request.decoderResult().isSuccess()) {
                    body = FixedAnswer.now(backend.answers().text(HttpResponseStatus.BAD_REQUEST,
                            "malformed request: " + request.decoderResult().cause()));
                } else if (fault.errorStatus() > 0) {
                    body = FixedAnswer.afterBody(Answers.tus(backend.answers().text(
                            HttpResponseStatus.valueOf(fault.errorStatus()), "injected fault: the backend is failing")),
                            backend.limits().maxPatchBody());
                } else {
                    body = routes.route(request, ctx.channel());
                }
                FullHttpResponse now = body.immediate();
                if (now != null) {
                    answerAndClose(ctx, now);
                    return;
                }
            }
            if (msg instanceof HttpContent content && body != null) {
                FullHttpResponse now = body.accept(content.content());
                if (now != null) {
                    answerAndClose(ctx, now);
                } else if (msg instanceof LastHttpContent) {
                    RequestBody done = body;
                    body = null;
                    var finished = done.finish().toCompletableFuture();
                    if (finished.isDone() && !finished.isCompletedExceptionally()) {
                        answer(ctx, finished.join(), done.tail());
                    } else {
                        // an mp4 upload's verdict, a stored body or a read-back's file comes from the disk, off this loop
                        finished.whenComplete((response, error) -> ctx.executor().execute(() -> answer(ctx,
                                response != null ? response : backend.answers().text(
                                        HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + error),
                                response != null ? done.tail() : null)));
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abortBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("evidence server request failed on {} (further failures logged at debug)", ctx.channel(), cause);
        } else {
            LOG.debug("evidence server request failed on {}", ctx.channel(), cause);
        }
        if (body != null && !closing && ctx.channel().isActive()) {
            abortBody();
            answerAndClose(ctx, backend.answers().text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "internal error: " + cause));
        } else {
            ctx.close();
        }
    }

    /** Writes {@code response}, followed by {@code tail}'s bytes when it is not null (a read-back of a stored file). */
    private void answer(ChannelHandlerContext ctx, FullHttpResponse response, FileAnswer.Tail tail) {
        HttpFaults.Decision f = fault;
        fault = HttpFaults.Decision.NONE;
        if (f.loseResponse() && response.status().code() == HttpResponseStatus.NO_CONTENT.code()) {
            withhold(ctx, response);
            return;
        }
        backend.ledger().answered(response.status().code());
        Runnable write = tail == null ? () -> ctx.writeAndFlush(response) : () -> tail.send(ctx, response);
        if (f.delayMillis() > 0) {
            ctx.executor().schedule(write, f.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            write.run();
        }
    }

    /** The chunk is committed; its answer is dropped, as if it were lost on the way back. */
    private void withhold(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.release();
        backend.faults().withheld();
        closing = true;
        if (backend.faults().settings().lostResponse() == HttpFaults.LostResponse.CLOSE) {
            ctx.close();
        }
    }

    private void answerAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        closing = true;
        body = null;
        backend.ledger().answered(response.status().code());
        ctx.writeAndFlush(Answers.closing(response)).addListener(ChannelFutureListener.CLOSE);
    }

    private void abortBody() {
        if (body != null) {
            body.abort();
            body = null;
        }
    }
}
