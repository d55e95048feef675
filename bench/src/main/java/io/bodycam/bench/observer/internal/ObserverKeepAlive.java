package io.bodycam.bench.observer.internal;

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
import java.io.IOException;

/**
 * Keeps the observer's Netty connection alive and notices a broker that is gone, after MQTT 3.1.1 section
 * 3.1.2.10: "In the absence of sending any other Control Packets, the Client MUST send a PINGREQ Packet
 * [MQTT-3.1.2-23]", and "If a Client does not receive a PINGRESP Packet within a reasonable amount of time
 * after it has sent a PINGREQ, it SHOULD close the Network Connection".
 *
 * <p>The {@link IdleStateHandler} in front of it reports a keep-alive with nothing written, or with
 * nothing read: PINGREQ. A second keep-alive in a row with nothing read (not even the PINGRESP) raises an
 * {@link IOException}, on which {@link ObserverSession} closes the connection and the link reconnects.
 * {@link ObserverSession} installs the pair once the broker accepted its CONNECT (a PINGREQ before
 * CONNACK would break MQTT 3.1.1 section 3.1).
 */
final class ObserverKeepAlive extends ChannelInboundHandlerAdapter {

    static final String NAME = "observer-keep-alive";
    static final String IDLE_NAME = "observer-idle";
    private static final MqttMessage PINGREQ =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final int keepAliveSeconds;

    private ObserverKeepAlive(int keepAliveSeconds) {
        this.keepAliveSeconds = keepAliveSeconds;
    }

    /** Adds the idle detector and this handler in front of {@code before}, the handler that reads the session's packets. */
    static void install(ChannelPipeline pipeline, String before, int keepAliveSeconds) {
        pipeline.addBefore(before, IDLE_NAME, new IdleStateHandler(keepAliveSeconds, keepAliveSeconds, 0));
        pipeline.addBefore(before, NAME, new ObserverKeepAlive(keepAliveSeconds));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (((MqttMessage) msg).fixedHeader().messageType() != MqttMessageType.PINGRESP) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (idle.state() == IdleState.READER_IDLE && !idle.isFirst()) {
            ctx.fireExceptionCaught(new IOException("no packet from the broker for " + 2 * keepAliveSeconds
                    + " s, though it was sent PINGREQ"));
            return;
        }
        ctx.writeAndFlush(PINGREQ, ctx.voidPromise());
    }
}
