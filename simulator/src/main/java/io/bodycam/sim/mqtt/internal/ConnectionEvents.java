package io.bodycam.sim.mqtt.internal;

/** What the handlers of one connection attempt tell the connection that owns it. Called on its event loop. */
public interface ConnectionEvents {

    /**
     * The broker accepted the CONNECT. The owner brings its {@link MqttSession} online on this channel (or
     * closes it, if the attempt was abandoned meanwhile). {@code receiveMaximum} is the broker's MQTT 5
     * Receive Maximum, 65535 when absent.
     */
    void connected(boolean sessionPresent, int receiveMaximum);

    /** Why the channel is about to close; the first reason given for an attempt is the one reported. */
    void failing(String reason);
}
