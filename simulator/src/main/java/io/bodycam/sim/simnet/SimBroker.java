package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-memory MQTT broker for simulated mode: cameras publish through {@link #link links} it hands
 * out, each message reaching the subscribers one latency later; retained messages are kept per camera
 * and topic; a camera that drops off without saying goodbye has its Last Will published; a command goes
 * to a connected camera one latency later and is lost when the camera is not connected (a clean session,
 * as the cameras connect).
 *
 * <p>It can be {@link #stop stopped} and {@link #start started} (a restart): every camera's link drops at
 * once, with no Will (the broker that would publish it is gone), and reconnects with its backoff once the
 * broker is back. QoS 1 messages on their way in when it stops go back to the front of their camera's queue,
 * as an MQTT client sends unacknowledged messages again; QoS 0 ones are lost. A restart that loses its
 * sessions forgets the retained messages too.
 */
public final class SimBroker {

    /** One message as the broker passed it on, on the reference contract's topic {@code topicName}. */
    public record Message(String deviceId, Topic topic, String topicName, byte[] payload, long sentAt, long deliveredAt) {
    }

    /** A message on its way in; {@code back} once the broker stopped before it arrived. */
    private static final class InFlight {
        final Topic topic;
        final byte[] payload;
        boolean back;

        InFlight(Topic topic, byte[] payload) {
            this.topic = topic;
            this.payload = payload;
        }
    }

    private final SimNetwork network;
    /** Every camera's link, in the order they were made (a restart drops them in that order). */
    private final Map<String, SimTelemetryLink> links = new LinkedHashMap<>();
    private final Map<SimTelemetryLink, Set<InFlight>> inFlight = new HashMap<>();
    /** When each camera's latest message reaches the broker: a camera's messages arrive in the order it sent them. */
    private final Map<SimTelemetryLink, Long> lastArrival = new HashMap<>();
    private boolean up = true;
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
        if (!up || link == null || !link.connected()) {
            commandsLost++;
            return false;
        }
        network.clock().schedule(network.latency(link.deviceId(), SimNetwork.Channel.MQTT, false, payload.length), () -> {
            if (up && link.connected() && !network.silent(link.deviceId(), SimNetwork.Channel.MQTT, false)) {
                commandsDelivered++;
                link.command(payload);
            } else {
                commandsLost++;
            }
        });
        return true;
    }

    /** Whether it is running (not stopped by a restart fault). */
    public boolean up() {
        return up;
    }

    /**
     * Stops the broker: every camera's link drops at once, without a Will; QoS 1 messages on their way in go
     * back to their cameras' queues. {@code forgetSessions}: the retained messages are gone too (a crash of a
     * broker that does not persist them).
     */
    public void stop(boolean forgetSessions) {
        if (!up) {
            return;
        }
        up = false;
        inFlight.forEach((link, messages) -> {
            List<InFlight> qos1 = new ArrayList<>();
            for (InFlight m : messages) {
                m.back = true;
                if (m.topic.qos() > 0) {
                    qos1.add(m);
                }
            }
            for (int i = qos1.size() - 1; i >= 0; i--) {
                link.requeue(qos1.get(i).topic, qos1.get(i).payload);
            }
        });
        inFlight.clear();
        if (forgetSessions) {
            retained.clear();
        }
        links.values().forEach(l -> l.drop("broker stopped", false));
    }

    /** Starts the broker again: the cameras' links find it on their next attempt. */
    public void start() {
        up = true;
    }

    /**
     * Camera {@code deviceId}'s connection breaks (its network went down): the broker sees the socket close and
     * publishes its Will; the link reconnects with its backoff.
     */
    public void drop(String deviceId, String reason) {
        SimTelemetryLink link = links.get(deviceId);
        if (link != null) {
            link.drop(reason, true);
        }
    }

    /** A reset impairment now meets camera {@code deviceId}'s open connection (a network-reset fault began). */
    public void faultMet(String deviceId) {
        SimTelemetryLink link = links.get(deviceId);
        if (link != null) {
            link.faultMet();
        }
    }

    /** A blackhole now meets camera {@code deviceId}'s open connection (a network-blackhole fault began). */
    public void blackholeMet(String deviceId) {
        SimTelemetryLink link = links.get(deviceId);
        if (link != null) {
            link.blackholeMet();
        }
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

    /** A message a camera sent now; it arrives one latency later, unless the broker stopped meanwhile. */
    void publish(SimTelemetryLink from, Topic topic, byte[] payload) {
        long sentAt = network.clock().now();
        InFlight m = new InFlight(topic, payload);
        inFlight.computeIfAbsent(from, l -> new LinkedHashSet<>()).add(m);
        network.clock().schedule(arrival(from, network.latency(from.deviceId(), SimNetwork.Channel.MQTT, true, payload.length)), () -> {
            if (m.back) {
                return;
            }
            inFlight.get(from).remove(m);
            deliver(new Message(from.deviceId(), topic, from.topicName(topic), payload, sentAt, network.clock().now()));
        });
    }

    /**
     * Camera {@code of}'s connection ended without a goodbye: the broker publishes its Will once what the camera
     * sent before has arrived, and before anything it sends on a new connection.
     */
    void will(SimTelemetryLink of, byte[] payload) {
        if (!up) {
            return;
        }
        long sentAt = network.clock().now();
        network.clock().schedule(arrival(of, 0), () -> {
            if (up) {
                deliver(new Message(of.deviceId(), Topic.STATUS, of.topicName(Topic.STATUS), payload, sentAt, network.clock().now()));
            }
        });
    }

    /**
     * The delay, from now, until a message of camera {@code from} that takes {@code latency} to cross arrives: never
     * before the camera's previous one (one TCP stream at a time, and a new connection only after the old one
     * ended), so a camera's messages reach the broker in the order it sent them.
     */
    private long arrival(SimTelemetryLink from, long latency) {
        long now = network.clock().now();
        long at = Math.max(now + latency, lastArrival.getOrDefault(from, now));
        lastArrival.put(from, at);
        return at - now;
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
