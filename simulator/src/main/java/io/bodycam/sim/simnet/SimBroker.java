package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
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

    /** One message as the broker passed it on, on the reference contract's topic {@code topicName}. */
    public record Message(String deviceId, Topic topic, String topicName, byte[] payload, long sentAt, long deliveredAt) {
    }

    private final SimNetwork network;
    private final Map<String, SimTelemetryLink> links = new HashMap<>();
    /** Each camera's link by its command topic. */
    private final Map<String, SimTelemetryLink> byCommandTopic = new HashMap<>();
    private final Map<String, byte[]> retained = new HashMap<>();
    private final List<Consumer<Message>> subscribers = new ArrayList<>();
    private final Map<Topic, Long> delivered = new EnumMap<>(Topic.class);
    private long commandsDelivered;
    private long published;
    private long droppedOffline;
    private long droppedQueueFull;
    private long connects;
    private long commandsLost;

    public SimBroker(SimNetwork network) {
        this.network = network;
    }

    /**
     * The link camera {@code deviceId} of {@code agency} and fleet group {@code group} publishes and hears
     * commands through, on the reference contract's topics ({@link TopicScheme#REFERENCE}).
     */
    public TelemetryLink link(String deviceId, String agency, String group, TelemetryHandler handler) {
        SimTelemetryLink link = new SimTelemetryLink(this, network, handler, deviceId, agency, group);
        if (links.putIfAbsent(deviceId, link) != null) {
            throw new IllegalArgumentException("camera " + deviceId + " already has a link to this broker");
        }
        byCommandTopic.put(TopicScheme.REFERENCE.commandTopic(agency, deviceId, group), link);
        return link;
    }

    /** Hears every message the broker passes on, in delivery order. */
    public void subscribe(Consumer<Message> subscriber) {
        subscribers.add(subscriber);
    }

    /** Publishes {@code payload} on a camera's command topic; false when no connected camera subscribes to it. */
    public boolean command(String commandTopic, byte[] payload) {
        SimTelemetryLink link = byCommandTopic.get(commandTopic);
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

    /** Messages the cameras handed their links (sent at once, or kept to send on the next connect). */
    public long published() {
        return published;
    }

    /** QoS 0 messages a camera published while its link was down. */
    public long droppedOffline() {
        return droppedOffline;
    }

    /** QoS 1 messages a link dropped, its offline queue full. */
    public long droppedQueueFull() {
        return droppedQueueFull;
    }

    /** Connections the cameras' links made. */
    public long connects() {
        return connects;
    }

    /** QoS 1 messages the links hold now, waiting for a connection. */
    public long heldOffline() {
        return links.values().stream().mapToLong(SimTelemetryLink::held).sum();
    }

    /** QoS 1 messages camera {@code deviceId}'s link holds now, waiting for a connection (0 for an unknown camera). */
    public long heldOffline(String deviceId) {
        SimTelemetryLink link = links.get(deviceId);
        return link == null ? 0 : link.held();
    }

    public long commandsDelivered() {
        return commandsDelivered;
    }

    /** Commands that found their camera not connected, on the way out or on arrival. */
    public long commandsLost() {
        return commandsLost;
    }

    void counted(boolean publishedNow, boolean droppedOffline, boolean droppedQueueFull) {
        published += publishedNow ? 1 : 0;
        this.droppedOffline += droppedOffline ? 1 : 0;
        this.droppedQueueFull += droppedQueueFull ? 1 : 0;
    }

    void connected() {
        connects++;
    }

    /** A message a camera sent now; it arrives one latency later. */
    void publish(SimTelemetryLink from, Topic topic, byte[] payload) {
        long sentAt = network.clock().now();
        network.send(() -> deliver(new Message(from.deviceId(), topic, from.topicName(topic), payload, sentAt,
                network.clock().now())));
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
