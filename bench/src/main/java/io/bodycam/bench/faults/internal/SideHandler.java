package io.bodycam.bench.faults.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler on either channel of a proxied connection: what it reads feeds one {@link Flow},
 * its writability steers the other (the flow that writes to it), and its closing ends the flow it
 * feeds. On the client's (front) channel, activation dials the upstream.
 */
final class SideHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "fault-proxy-side";
    private static final Logger LOG = LoggerFactory.getLogger(SideHandler.class);

    private final ProxyConnection connection;
    private final Flow reads;
    private final Flow writes;
    private final boolean front;

    SideHandler(ProxyConnection connection, Flow reads, Flow writes, boolean front) {
        this.connection = connection;
        this.reads = reads;
        this.writes = writes;
        this.front = front;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (front) {
            connection.start();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            reads.onRead(data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reads.sourceClosed();
        connection.sideInactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writes.updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("fault proxy connection {} failed; closing it", ctx.channel(), cause);
        ctx.close();
    }
}
