package io.bodycam.sim.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * What a camera hears from its {@link MqttConnection}. Every callback runs on the camera's event loop;
 * an exception thrown from one is logged (warn once, then debug) and does not break the connection.
 */
public interface MqttListener {

    /** A CONNACK accepted the connection; {@code sessionPresent} says whether the broker kept the session. */
    void onConnected(boolean sessionPresent);

    /** The connection announced by the last {@link #onConnected} is gone, for {@code reason}. */
    void onDisconnected(String reason);

    /** A PUBLISH arrived on a subscribed topic; {@code duplicate} is its DUP flag (a redelivery). */
    void onMessage(String topic, byte[] payload, MqttQoS qos, boolean duplicate);
}
