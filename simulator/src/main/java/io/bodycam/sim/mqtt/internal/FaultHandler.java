package io.bodycam.sim.mqtt.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the pipeline: any exception raised in it (a handler bug, an encoder failure, a socket error)
 * closes this connection, which then reconnects; the rest of the fleet on the same event loop never sees
 * it. Packets no one handled (UNSUBACK, PUBREC, AUTH) are dropped.
 */
final class FaultHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "mqtt-fault";
    private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);
    private static final WarnThenDebugLogger ERRORS = new WarnThenDebugLogger(LOG);

    private final String clientId;
    private final ConnectionEvents events;

    FaultHandler(String clientId, ConnectionEvents events) {
        this.clientId = clientId;
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LOG.debug("{}: ignored {}", clientId, msg);
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ERRORS.log("{}: connection error, closing: {}", clientId, cause.toString());
        events.failing("connection error: " + cause);
        ctx.close();
    }
}
