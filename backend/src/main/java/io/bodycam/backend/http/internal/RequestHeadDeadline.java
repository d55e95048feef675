package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Guards against slow-loris clients: once the first byte of a request arrives, its whole head must
 * arrive within the deadline, or the connection gets {@code 408 Request Timeout} and is closed (RFC
 * 9110 section 15.5.9). A client that trickles header bytes never trips the idle timeout, which only
 * sees silence.
 *
 * <p>One deadline per connection, in two handlers: {@link #bytes()} sits before the HTTP codec and
 * starts the clock on the first raw byte of a request; {@link #requests()} sits after it and stops
 * the clock when the codec has decoded the head, and re-arms it for the next request once the body
 * has ended.
 */
final class RequestHeadDeadline {

    static final String BYTES = "head-deadline-bytes";
    static final String REQUESTS = "head-deadline-requests";

    private final long millis;
    private final Answers answers;
    private boolean betweenRequests = true;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext requestsContext;

    RequestHeadDeadline(long millis, Answers answers) {
        this.millis = millis;
        this.answers = answers;
    }

    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests && msg instanceof ByteBuf b && b.isReadable() && timer == null) {
                    betweenRequests = false;
                    timer = ctx.executor().schedule(RequestHeadDeadline.this::expired, millis, TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelInboundHandlerAdapter requests() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                requestsContext = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    cancel();
                }
                if (msg instanceof LastHttpContent) {
                    betweenRequests = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void expired() {
        timer = null;
        if (requestsContext != null && requestsContext.channel().isActive()) {
            requestsContext.writeAndFlush(Answers.closing(answers.text(HttpResponseStatus.REQUEST_TIMEOUT,
                    "the request head did not arrive within " + millis + " ms")))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
