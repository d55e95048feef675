package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory MQTT broker for simulated mode: cameras publish through {@link #link links} it hands
 * out, each message reaching the subscribers one latency later; retained messages are kept per camera
 * and topic; a camera that drops off without saying goodbye has its Last Will published; a command goes
 * to a connected camera one latency later and is lost when the camera is not connected (a clean session,
 * as the cameras connect).
 */
public final class SimBroker {

    /** One message as the broker passed it on. */
    public record Message(String deviceId, Topic topic, byte[] payload, long sentAt, long deliveredAt) {
    }

    private final SimNetwork network;
    private final Map<String, SimTelemetryLink> links = new HashMap<>();
    private final Map<String, byte[]> retained = new HashMap<>();
    private final List<Consumer<Message>> subscribers = new ArrayList<>();
    private final Map<Topic, Long> delivered = new EnumMap<>(Topic.class);
    private long commandsDelivered;
    private long commandsLost;

    public SimBroker(SimNetwork network) {
        this.network = network;
    }

    /** The link camera {@code deviceId} publishes and hears commands through. */
    public TelemetryLink link(String deviceId, TelemetryHandler handler) {
        SimTelemetryLink link = new SimTelemetryLink(this, network, handler);
        if (links.putIfAbsent(deviceId, link) != null) {
            throw new IllegalArgumentException("camera " + deviceId + " already has a link to this broker");
        }
        link.deviceId = deviceId;
        return link;
    }

    /** Hears every message the broker passes on, in delivery order. */
    public void subscribe(Consumer<Message> subscriber) {
        subscribers.add(subscriber);
    }

    /** Sends {@code payload} to camera {@code deviceId}'s command topic; false when the camera is not connected. */
    public boolean command(String deviceId, byte[] payload) {
        SimTelemetryLink link = links.get(deviceId);
        if (link == null || !link.connected()) {
            commandsLost++;
            return false;
        }
        network.send(() -> {
            if (link.connected()) {
                commandsDelivered++;
                link.command(payload);
            } else {
                commandsLost++;
            }
        });
        return true;
    }

    /** The retained message on a camera's topic, or null. */
    public byte[] retained(String deviceId, Topic topic) {
        return retained.get(deviceId + '/' + topic.suffix());
    }

    /** Messages passed on, by topic. */
    public Map<Topic, Long> delivered() {
        return Map.copyOf(delivered);
    }

    public long commandsDelivered() {
        return commandsDelivered;
    }

    /** Commands that found their camera not connected, on the way out or on arrival. */
    public long commandsLost() {
        return commandsLost;
    }

    /** A message a camera sent now; it arrives one latency later. */
    void publish(String deviceId, Topic topic, byte[] payload) {
        long sentAt = network.clock().now();
        network.send(() -> deliver(new Message(deviceId, topic, payload, sentAt, network.clock().now())));
    }

    private void deliver(Message m) {
        if (m.topic().retain()) {
            retained.put(m.deviceId() + '/' + m.topic().suffix(), m.payload());
        }
        delivered.merge(m.topic(), 1L, Long::sum);
        for (Consumer<Message> s : subscribers) {
            s.accept(m);
        }
    }
}
