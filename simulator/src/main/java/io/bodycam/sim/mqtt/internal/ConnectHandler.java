package io.bodycam.sim.mqtt.internal;

import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.mqtt.MqttWill;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's lifecycle on the wire: sends CONNECT when the channel becomes active (asking the
 * camera for a fresh Will each time), accepts or refuses on CONNACK, closes on a malformed packet, on
 * anything but CONNACK first, and on an MQTT 5 DISCONNECT from the broker. On an accepted CONNACK it
 * installs the keep-alive pair right behind itself and tells the connection, which brings the
 * {@link MqttSession} online; everything else goes on to the {@link SessionHandler}.
 */
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "mqtt-connect";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);
    private static final WarnThenDebugLogger MALFORMED = new WarnThenDebugLogger(LOG);
    private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private final MqttClientConfig config;
    private final Supplier<MqttWill> will;
    private final ConnectionEvents events;
    private boolean accepted;

    ConnectHandler(MqttClientConfig config, Supplier<MqttWill> will, ConnectionEvents events) {
        this.config = config;
        this.will = will;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ConnectPacket.of(config, will.get()), ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage m = (MqttMessage) msg;
        if (m.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            String cause = String.valueOf(m.decoderResult().cause().getMessage());
            MALFORMED.log("{}: malformed packet from the broker: {}", config.clientId(), cause);
            fail(ctx, "malformed packet from the broker: " + cause);
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK && !accepted) {
            connAck(ctx, (MqttConnAckMessage) m);
        } else if (!accepted || type == MqttMessageType.CONNACK) {
            // MQTT 3.1.1 section 3.2: "The first packet sent from the Server to the Client MUST be a CONNACK Packet"
            ReferenceCountUtil.release(msg);
            fail(ctx, "protocol violation: " + type + (accepted ? " after CONNACK" : " before CONNACK"));
        } else if (type == MqttMessageType.DISCONNECT) {
            Object header = m.variableHeader();
            int reason = header instanceof MqttReasonCodeAndPropertiesVariableHeader h ? h.reasonCode() & 0xFF : 0;
            fail(ctx, "broker sent DISCONNECT, reason 0x" + Integer.toHexString(reason));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage m) {
        MqttConnAckVariableHeader header = m.variableHeader();
        if (header.connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            fail(ctx, "CONNACK refused: " + header.connectReturnCode());
            return;
        }
        accepted = true;
        MqttProperties properties = header.properties();
        // MQTT 5 section 3.2.2.3.14: "If the Server sends a Server Keep Alive on the CONNACK packet, the
        // Client MUST use this value instead of the Keep Alive value the Client sent on CONNECT"
        int keepAliveSeconds = intProperty(properties, MqttProperties.SERVER_KEEP_ALIVE,
                (int) config.keepAlive().getSeconds());
        if (keepAliveSeconds > 0) {
            KeepAliveHandler.install(ctx.pipeline(), NAME, keepAliveSeconds * 1000L, events);
        }
        events.connected(header.isSessionPresent(),
                intProperty(properties, MqttProperties.RECEIVE_MAXIMUM, DEFAULT_RECEIVE_MAXIMUM));
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        events.failing(reason);
        ctx.close();
    }

    private static int intProperty(MqttProperties properties, int id, int absent) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p != null && p.value() instanceof Integer v ? v : absent;
    }
}
