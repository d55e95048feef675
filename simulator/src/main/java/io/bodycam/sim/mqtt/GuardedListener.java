package io.bodycam.sim.mqtt;

import io.bodycam.sim.mqtt.internal.WarnThenDebugLogger;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps an exception thrown by camera code in a callback from breaking the connection (logged, warn once). */
final class GuardedListener implements MqttListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);
    private static final WarnThenDebugLogger FAILURES = new WarnThenDebugLogger(LOG);

    private final String clientId;
    private final MqttListener delegate;

    GuardedListener(String clientId, MqttListener delegate) {
        this.clientId = clientId;
        this.delegate = delegate;
    }

    @Override
    public void onConnected(boolean sessionPresent) {
        try {
            delegate.onConnected(sessionPresent);
        } catch (RuntimeException e) {
            FAILURES.log("{}: listener failed in onConnected: {}", clientId, e.toString());
        }
    }

    @Override
    public void onDisconnected(String reason) {
        try {
            delegate.onDisconnected(reason);
        } catch (RuntimeException e) {
            FAILURES.log("{}: listener failed in onDisconnected: {}", clientId, e.toString());
        }
    }

    @Override
    public void onMessage(String topic, byte[] payload, MqttQoS qos, boolean duplicate) {
        try {
            delegate.onMessage(topic, payload, qos, duplicate);
        } catch (RuntimeException e) {
            FAILURES.log("{}: listener failed in onMessage on {}: {}", clientId, topic, e.toString());
        }
    }
}
