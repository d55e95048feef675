package io.bodycam.sim.upload.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of a camera's HTTP connection: hands each answer's head and body pieces, every change of
 * the channel's writability (a streamed body waits for it) and every error the pipeline raises to the
 * {@link HttpConnection} that owns the channel. The connection matches them to the request in flight
 * (one at a time, no pipelining).
 */
final class ReplyHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "http-reply";

    private final HttpConnection connection;

    ReplyHandler(HttpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse head) {
                connection.onHead(ctx.channel(), head);
            }
            if (msg instanceof HttpContent content) {
                connection.onContent(ctx.channel(), content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritable(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onError(ctx.channel(), cause);
    }
}
