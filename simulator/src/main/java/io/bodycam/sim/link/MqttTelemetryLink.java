package io.bodycam.sim.link;

import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.mqtt.MqttConnection;
import io.bodycam.sim.mqtt.MqttListener;
import io.bodycam.sim.mqtt.MqttStats;
import io.bodycam.sim.mqtt.MqttWill;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.random.RandomGenerator;

/**
 * A camera's {@link TelemetryLink} over MQTT: topics under {@code bwc/v1/{agency}/{deviceId}/}, the
 * {@code status} Last Will, and the {@code cmd} subscription (docs/contract/README.md). The client id
 * is the device id.
 */
public final class MqttTelemetryLink implements TelemetryLink, MqttListener {

    private final String prefix;
    private final String[] topics = new String[Topic.values().length];
    private final TelemetryHandler handler;
    private final MqttConnection connection;

    /**
     * @param base      broker address, protocol and timings; the client id is replaced by the device id
     * @param realTime  a wall-clock scheduler on {@code loop}: reconnect backoff follows real time,
     *                  whatever the run's clock speed, because brokers live in real time
     */
    public MqttTelemetryLink(MqttClientConfig base, String agency, String deviceId, EventLoop loop, Transport transport,
                             Scheduler realTime, TelemetryHandler handler, RandomGenerator jitter) {
        this.prefix = "bwc/v1/" + agency + "/" + deviceId + "/";
        for (Topic t : Topic.values()) {
            topics[t.ordinal()] = prefix + t.suffix();
        }
        this.handler = handler;
        this.connection = new MqttConnection(base.toBuilder().clientId(deviceId).build(), loop, transport, realTime,
                () -> new MqttWill(topics[Topic.STATUS.ordinal()], handler.willPayload(), MqttQoS.AT_LEAST_ONCE, true),
                this, jitter);
        connection.subscribe(prefix + "cmd", MqttQoS.AT_LEAST_ONCE);
    }

    @Override
    public void start() {
        connection.start();
    }

    @Override
    public void stop(boolean graceful) {
        connection.stop(graceful);
    }

    @Override
    public boolean connected() {
        return connection.isConnected();
    }

    @Override
    public void publish(Topic topic, byte[] payload) {
        connection.publish(topics[topic.ordinal()], payload, MqttQoS.valueOf(topic.qos()), topic.retain());
    }

    /** The MQTT client's counters (published, acked, dropped, reconnects ...). */
    public MqttStats stats() {
        return connection.stats();
    }

    @Override
    public void onConnected(boolean sessionPresent) {
        handler.linkUp();
    }

    @Override
    public void onDisconnected(String reason) {
        handler.linkDown(reason);
    }

    @Override
    public void onMessage(String topic, byte[] payload, MqttQoS qos, boolean duplicate) {
        if (topic.equals(prefix + "cmd")) {
            handler.command(payload);
        }
    }
}
