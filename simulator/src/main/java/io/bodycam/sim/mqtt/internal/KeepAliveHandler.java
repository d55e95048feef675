package io.bodycam.sim.mqtt.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the connection alive and notices when the broker is gone, after MQTT 3.1.1 section 3.1.2.10:
 * "It is the responsibility of the Client to ensure that the interval between Control Packets being sent
 * does not exceed the Keep Alive value. In the absence of sending any other Control Packets, the Client
 * MUST send a PINGREQ Packet [MQTT-3.1.2-23]", and "If a Client does not receive a PINGRESP Packet within a
 * reasonable amount of time after it has sent a PINGREQ, it SHOULD close the Network Connection".
 *
 * <p>An {@link IdleStateHandler} just before it reports write idleness after one keep-alive and read
 * idleness every half keep-alive. Nothing written for a keep-alive: PINGREQ. Nothing read for a keep-alive:
 * PINGREQ too (a camera that only sends QoS 0 reads nothing otherwise). Nothing read for 1.5 x keep-alive,
 * the span after which the broker would drop us too: close, and the connection reconnects. Keep-alive is
 * wall time, as the broker measures it, even when the simulation runs faster.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "mqtt-keep-alive";
    static final String IDLE_NAME = "mqtt-idle";
    private static final MqttMessage PINGREQ =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final long keepAliveMillis;
    private final ConnectionEvents events;
    private int readerIdleHalves;
    private boolean pingOutstanding;

    private KeepAliveHandler(long keepAliveMillis, ConnectionEvents events) {
        this.keepAliveMillis = keepAliveMillis;
        this.events = events;
    }

    /**
     * Adds the idle detector and this handler just after {@code after}, once the broker accepted us: behind
     * the handler that rejects malformed packets, in front of every handler that writes.
     */
    static void install(ChannelPipeline pipeline, String after, long keepAliveMillis, ConnectionEvents events) {
        pipeline.addAfter(after, IDLE_NAME,
                new IdleStateHandler(keepAliveMillis / 2, keepAliveMillis, 0, TimeUnit.MILLISECONDS));
        pipeline.addAfter(IDLE_NAME, NAME, new KeepAliveHandler(keepAliveMillis, events));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pingOutstanding = false;
        if (((MqttMessage) msg).fixedHeader().messageType() == MqttMessageType.PINGRESP) {
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (idle.state() == IdleState.WRITER_IDLE) {
            ping(ctx);
            return;
        }
        readerIdleHalves = idle.isFirst() ? 1 : readerIdleHalves + 1;
        if (readerIdleHalves >= 3) {
            events.failing("no packet from the broker for 1.5 x keep-alive (" + keepAliveMillis * 3 / 2 + " ms)");
            ctx.close();
        } else if (readerIdleHalves == 2 && !pingOutstanding) {
            ping(ctx);
        }
    }

    private void ping(ChannelHandlerContext ctx) {
        pingOutstanding = true;
        ctx.writeAndFlush(PINGREQ, ctx.voidPromise());
    }
}
