package io.bodycam.sim.mqtt.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;

/**
 * Hands the packets of an accepted connection to the {@link MqttSession}: PUBACK frees an in-flight
 * message, PUBLISH is delivered (and acknowledged), PUBREL completes an incoming QoS 2 flow, SUBACK
 * settles a subscription. Anything else goes on to the {@link FaultHandler}.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "mqtt-session";

    private final MqttSession session;

    SessionHandler(MqttSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage m = (MqttMessage) msg;
        switch (m.fixedHeader().messageType()) {
            case PUBACK -> {
                Object header = m.variableHeader();
                int reason = header instanceof MqttPubReplyMessageVariableHeader r ? r.reasonCode() & 0xFF : 0;
                session.acknowledged(((MqttMessageIdVariableHeader) header).messageId(), reason);
            }
            case PUBLISH -> {
                MqttPublishMessage p = (MqttPublishMessage) m;
                try {
                    session.received(p.variableHeader().topicName(), p.payload(), p.fixedHeader().qosLevel(),
                            p.fixedHeader().isDup(), p.variableHeader().packetId());
                } finally {
                    p.release();
                }
            }
            case PUBREL -> session.released(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
            case SUBACK -> {
                MqttSubAckMessage s = (MqttSubAckMessage) m;
                session.subscribeAcknowledged(s.idAndPropertiesVariableHeader().messageId(), s.payload().reasonCodes());
            }
            default -> ctx.fireChannelRead(msg);
        }
    }
}
