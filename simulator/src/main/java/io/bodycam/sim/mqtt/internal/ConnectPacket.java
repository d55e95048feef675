package io.bodycam.sim.mqtt.internal;

import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.mqtt.MqttProtocol;
import io.bodycam.sim.mqtt.MqttWill;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Builds the CONNECT packet. Netty's {@code MqttEncoder} stores the protocol level of the CONNECT it
 * encodes in the channel, and its {@code MqttDecoder} reads CONNACK and every later packet with that
 * level; so the CONNECT must go out through the encoder before anything is decoded, which it does.
 */
final class ConnectPacket {

    private ConnectPacket() {
    }

    /** {@code will} may be null: no Last Will. */
    static MqttConnectMessage of(MqttClientConfig config, MqttWill will) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                .protocolVersion(config.protocol().nettyVersion())
                .clientId(config.clientId())
                .cleanSession(config.cleanSession())
                .keepAlive((int) config.keepAlive().getSeconds());
        config.username().ifPresent(b::username);
        config.password().ifPresent(b::password);
        if (config.protocol() == MqttProtocol.V5) {
            // MQTT 5 section 3.1.2.11.2: Session Expiry Interval, a four-byte integer in seconds
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                    (int) config.sessionExpiry().getSeconds()));
            b.properties(properties);
        }
        if (will != null) {
            b.willFlag(true).willTopic(will.topic()).willMessage(will.payload()).willQoS(will.qos())
                    .willRetain(will.retain());
        } else {
            b.willFlag(false).willQoS(MqttQoS.AT_MOST_ONCE);
        }
        return b.build();
    }
}
