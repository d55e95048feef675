package io.bodycam.sim.mqtt;

import io.netty.handler.codec.mqtt.MqttVersion;

/** The MQTT protocol level a camera speaks; the device contract supports both. */
public enum MqttProtocol {
    /** MQTT 3.1.1 (OASIS standard, protocol level 4). */
    V3_1_1(MqttVersion.MQTT_3_1_1),
    /** MQTT 5.0 (OASIS standard, protocol level 5): session expiry, reason codes. */
    V5(MqttVersion.MQTT_5);

    private final MqttVersion version;

    MqttProtocol(MqttVersion version) {
        this.version = version;
    }

    /** Netty's name for this protocol level. */
    public MqttVersion nettyVersion() {
        return version;
    }
}
