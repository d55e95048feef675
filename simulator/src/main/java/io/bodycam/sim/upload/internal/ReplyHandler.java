package io.bodycam.sim.upload.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Last handler of a camera's HTTP connection: hands every aggregated response, and every error the
 * pipeline raises, to the {@link HttpConnection} that owns the channel. The connection matches the
 * response to the request in flight (one at a time, no pipelining).
 */
final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    static final String NAME = "tus-reply";

    private final HttpConnection connection;

    ReplyHandler(HttpConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        connection.onResponse(ctx.channel(), response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onError(ctx.channel(), cause);
    }
}
