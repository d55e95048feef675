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
 * A camera's {@link TelemetryLink} over MQTT: topics from its device profile's {@link TopicScheme}
 * ({@link TopicScheme#REFERENCE}: under {@code bwc/v1/{agency}/{deviceId}/}), the {@code status} Last
 * Will when the scheme asks for it, and the command subscription (docs/contract/README.md); payloads
 * go out and commands come in through the scheme's {@link PayloadMapping}. The client id is the device id.
 */
public final class MqttTelemetryLink implements TelemetryLink, MqttListener {

    private final String command;
    private final String[] topics = new String[Topic.values().length];
    private final TopicScheme.Rule[] rules = new TopicScheme.Rule[Topic.values().length];
    private final TelemetryHandler handler;
    private final MqttConnection connection;
    private final PayloadMapping payloads;

    /**
     * @param base      broker address, protocol and timings; the client id is replaced by the device id
     * @param realTime  a wall-clock scheduler on {@code loop}: reconnect backoff follows real time,
     *                  whatever the run's clock speed, because brokers live in real time
     */
    public MqttTelemetryLink(MqttClientConfig base, String agency, String deviceId, EventLoop loop, Transport transport,
                             Scheduler realTime, TelemetryHandler handler, RandomGenerator jitter) {
        this(base, TopicScheme.REFERENCE, agency, deviceId, "", loop, transport, realTime, handler, jitter);
    }

    /**
     * @param scheme the device profile's topics
     * @param group  the camera's fleet group, for {@code {group}} in the templates
     */
    public MqttTelemetryLink(MqttClientConfig base, TopicScheme scheme, String agency, String deviceId, String group,
                             EventLoop loop, Transport transport, Scheduler realTime, TelemetryHandler handler,
                             RandomGenerator jitter) {
        for (Topic t : Topic.values()) {
            topics[t.ordinal()] = scheme.topic(t, agency, deviceId, group);
            rules[t.ordinal()] = scheme.rules().get(t);
        }
        this.command = scheme.commandTopic(agency, deviceId, group);
        this.handler = handler;
        this.payloads = scheme.payloads();
        TopicScheme.Rule status = rules[Topic.STATUS.ordinal()];
        this.connection = new MqttConnection(base.toBuilder().clientId(deviceId).build(), loop, transport, realTime,
                scheme.statusWill() ? () -> new MqttWill(topics[Topic.STATUS.ordinal()],
                        payloads.encode(PayloadMapping.Kind.STATUS, handler.willPayload()),
                        MqttQoS.valueOf(status.qos()), status.retain()) : () -> null,
                this, jitter);
        connection.subscribe(command, MqttQoS.AT_LEAST_ONCE);
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
        TopicScheme.Rule rule = rules[topic.ordinal()];
        connection.publish(topics[topic.ordinal()], payloads.encode(PayloadMapping.Kind.of(topic), payload),
                MqttQoS.valueOf(rule.qos()), rule.retain());
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
        if (topic.equals(command)) {
            handler.command(payloads.decode(PayloadMapping.Kind.CMD, payload, null));
        }
    }
}
