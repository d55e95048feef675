package io.bodycam.bench.live.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Sends the requests under one path prefix to the handler mounted right behind this gate, with the
 * prefix taken off their URI ({@code /faults/proxies?x} reaches it as {@code /proxies?x}); every other
 * request skips that handler and goes on down the pipeline. So the fault control API
 * ({@code faults.internal.ControlHandler}) answers under {@code /faults/} of the dashboard's port.
 */
public final class MountGate extends ChannelInboundHandlerAdapter {

    private final String prefix;
    private final String mountedName;

    /**
     * @param prefix      a path like {@code /faults}: a slash, then no trailing slash
     * @param mountedName the pipeline name of the handler right behind this gate
     */
    public MountGate(String prefix, String mountedName) {
        this.prefix = prefix;
        this.mountedName = mountedName;
    }

    /** The pipeline name of the gate in front of the handler named {@code mountedName}. */
    public static String name(String mountedName) {
        return mountedName + "-gate";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).rawPath();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                String rest = request.uri().substring(prefix.length());
                request.setUri(rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest);
                ctx.fireChannelRead(msg);
                return;
            }
        }
        ctx.pipeline().context(mountedName).fireChannelRead(msg);
    }
}
