package io.bodycam.bench.live.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends the requests of one HTTP connection under a path prefix to a mounted handler, through a
 * {@link MountBridge}, with the prefix taken off their URI ({@code /faults/proxies?x} reaches it as
 * {@code /proxies?x}); every other request goes on down the pipeline. One gate per connection and
 * mount: it opens the bridge's local connection on the first request for it and closes it with the
 * HTTP connection.
 */
public final class MountGate extends ChannelInboundHandlerAdapter {

    private final String prefix;
    private final MountBridge bridge;
    private ChannelFuture local;

    /** @param prefix a path like {@code /faults}: a slash, no trailing slash */
    public MountGate(String prefix, MountBridge bridge) {
        this.prefix = prefix;
        this.bridge = bridge;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            ctx.fireChannelRead(msg);
            return;
        }
        String rest = request.uri().substring(prefix.length());
        request.setUri(rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest);
        if (local == null) {
            Channel http = ctx.channel();
            local = bridge.connect(http);
            http.closeFuture().addListener(f -> local.channel().close());
        }
        local.addListener(f -> {
            if (f.isSuccess() && local.channel().isActive()) {
                local.channel().writeAndFlush(request);
            } else {
                Responses.send(ctx, request, Responses.error(HttpResponseStatus.BAD_GATEWAY, prefix + " is not answering"));
                ReferenceCountUtil.release(request);
            }
        });
    }
}
