package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.time.Timer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * A camera's MQTT link in simulated mode: connects one round trip after {@link #start} (registering its
 * Last Will then), publishes through the {@link SimBroker}, keeps QoS 1 messages while down (up to
 * {@value #QUEUE_LIMIT}, the oldest dropped beyond) and sends them on the next connect, drops QoS 0 ones
 * while down. A stop that is not graceful makes the broker publish the Will.
 */
final class SimTelemetryLink implements TelemetryLink {

    /** QoS 1 messages kept while down, as the real link's offline queue. */
    static final int QUEUE_LIMIT = 10_000;

    private record Held(Topic topic, byte[] payload) {
    }

    private final SimBroker broker;
    private final SimNetwork network;
    private final TelemetryHandler handler;
    private final Deque<Held> offline = new ArrayDeque<>();
    private final String deviceId;
    private final Map<Topic, String> topicNames = new EnumMap<>(Topic.class);
    private boolean running;
    private boolean connected;
    private byte[] will;
    private Timer connecting = Timer.NONE;

    SimTelemetryLink(SimBroker broker, SimNetwork network, TelemetryHandler handler, String deviceId, String agency,
                     String group) {
        this.broker = broker;
        this.network = network;
        this.handler = handler;
        this.deviceId = deviceId;
        for (Topic t : Topic.values()) {
            topicNames.put(t, TopicScheme.REFERENCE.topic(t, agency, deviceId, group));
        }
    }

    String deviceId() {
        return deviceId;
    }

    String topicName(Topic topic) {
        return topicNames.get(topic);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        byte[] registered = handler.willPayload();
        connecting = network.clock().schedule(network.latency() + network.latency(), () -> {
            if (!running || connected) {
                return;
            }
            will = registered;
            connected = true;
            broker.connected();
            handler.linkUp();
            while (connected && !offline.isEmpty()) {
                Held h = offline.poll();
                broker.publish(this, h.topic(), h.payload());
            }
        });
    }

    @Override
    public void stop(boolean graceful) {
        connecting.cancel();
        if (connected && !graceful && will != null) {
            broker.publish(this, Topic.STATUS, will);
        }
        running = false;
        connected = false;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void publish(Topic topic, byte[] payload) {
        if (connected) {
            broker.counted(true, false, false);
            broker.publish(this, topic, payload);
        } else if (topic.qos() > 0) {
            boolean full = offline.size() == QUEUE_LIMIT;
            if (full) {
                offline.poll();
            }
            offline.add(new Held(topic, payload));
            broker.counted(true, false, full);
        } else {
            broker.counted(false, true, false);
        }
    }

    /** QoS 1 messages kept for the next connect. */
    long held() {
        return offline.size();
    }

    void command(byte[] payload) {
        handler.command(payload);
    }
}
