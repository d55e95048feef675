package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.time.Timer;
import java.util.ArrayDeque;
import java.util.Deque;

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
    String deviceId;
    private boolean running;
    private boolean connected;
    private byte[] will;
    private Timer connecting = Timer.NONE;

    SimTelemetryLink(SimBroker broker, SimNetwork network, TelemetryHandler handler) {
        this.broker = broker;
        this.network = network;
        this.handler = handler;
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
            handler.linkUp();
            while (connected && !offline.isEmpty()) {
                Held h = offline.poll();
                broker.publish(deviceId, h.topic(), h.payload());
            }
        });
    }

    @Override
    public void stop(boolean graceful) {
        connecting.cancel();
        if (connected && !graceful && will != null) {
            broker.publish(deviceId, Topic.STATUS, will);
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
            broker.publish(deviceId, topic, payload);
        } else if (topic.qos() > 0) {
            if (offline.size() == QUEUE_LIMIT) {
                offline.poll();
            }
            offline.add(new Held(topic, payload));
        }
    }

    void command(byte[] payload) {
        handler.command(payload);
    }
}
