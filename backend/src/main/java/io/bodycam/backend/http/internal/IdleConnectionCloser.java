package io.bodycam.backend.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that the {@code IdleStateHandler} before it reports silent for the server's
 * idle timeout; a PATCH cut off this way commits nothing (tus 1.0.0, "PATCH": "A timeout SHOULD be
 * handled by closing the underlying connection").
 */
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    static final String NAME = "idle-closer";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
