package io.bodycam.sim.simnet;

import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.mqtt.internal.ReconnectBackoff;
import io.bodycam.sim.time.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * A camera's MQTT link in simulated mode: connects one round trip after {@link #start} (registering its
 * Last Will then), publishes through the {@link SimBroker}, keeps QoS 1 messages while down (up to
 * {@value #QUEUE_LIMIT}, the oldest dropped beyond) and sends them on the next connect, drops QoS 0 ones
 * while down. A stop that is not graceful makes the broker publish the Will. A connection refused (the broker
 * stopped, the camera's network cut) or dropped is tried again after the MQTT client's backoff: full jitter,
 * from 1 s up to 60 s, drawn from the run's seeded generator.
 *
 * <p>In a blackhole nothing gets through and nobody is told: what the camera sends vanishes (a QoS 1 message stays
 * unacknowledged and goes again on the next connection, as MQTT 3.1.1 has it; so does one whose acknowledgement
 * vanished on the way back, which the broker then sees twice), and a connection attempt hears nothing until its
 * {@value #CONNECT_TIMEOUT_MILLIS} ms timeout. An open connection is given up 1.5 keep-alives
 * ({@value #KEEP_ALIVE_MILLIS} ms each, the MQTT client's default) into the blackhole, when the camera's client has
 * read nothing for that long and the broker has not either (the broker then publishes the Will).
 */
final class SimTelemetryLink implements TelemetryLink {

    /** QoS 1 messages kept while down, as the real link's offline queue. */
    static final int QUEUE_LIMIT = 10_000;
    /** The MQTT client's keep-alive (its default). */
    static final long KEEP_ALIVE_MILLIS = 30_000;
    /** How long the MQTT client waits for a CONNACK (its default). */
    static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private record Held(Topic topic, byte[] payload) {
    }

    private final SimBroker broker;
    private final SimNetwork network;
    private final TelemetryHandler handler;
    private final Deque<Held> offline = new ArrayDeque<>();
    /** QoS 1 messages sent into a blackhole (or whose acknowledgement vanished): sent again on the next connection. */
    private final Deque<Held> unacked = new ArrayDeque<>();
    private final String deviceId;
    private final Map<Topic, String> topicNames = new EnumMap<>(Topic.class);
    private boolean running;
    private boolean connected;
    private byte[] will;
    private Timer connecting = Timer.NONE;
    private final ReconnectBackoff backoff;
    /** Counts connections, so that a reset meant for one leaves the next alone. */
    private long connection;

    SimTelemetryLink(SimBroker broker, SimNetwork network, TelemetryHandler handler, String deviceId, String agency,
                     String group) {
        this.broker = broker;
        this.network = network;
        this.handler = handler;
        this.deviceId = deviceId;
        this.backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), network.random());
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
        connect();
    }

    /** One connection attempt: CONNECT there, CONNACK back; refused while the broker is down or the network cut. */
    private void connect() {
        byte[] registered = handler.willPayload();
        long roundTrip = network.latency(deviceId, SimNetwork.Channel.MQTT, true)
                + network.latency(deviceId, SimNetwork.Channel.MQTT, false);
        connecting = network.clock().schedule(roundTrip, () -> {
            if (!running || connected) {
                return;
            }
            if (!broker.up() || network.cut(deviceId, SimNetwork.Channel.MQTT)) {
                retry();
                return;
            }
            if (network.silent(deviceId, SimNetwork.Channel.MQTT)) {
                // the CONNECT or its CONNACK vanished: the client gives up at its connect timeout
                connecting = network.clock().schedule(Math.max(0, CONNECT_TIMEOUT_MILLIS - roundTrip), this::retry);
                return;
            }
            will = registered;
            connected = true;
            connection++;
            backoff.reset();
            broker.connected();
            handler.linkUp();
            faultMet();
            while (connected && !offline.isEmpty()) {
                Held h = offline.poll();
                broker.publish(this, h.topic(), h.payload());
            }
        });
    }

    private void retry() {
        connecting = network.clock().schedule(backoff.nextDelayMillis(), this::connect);
    }

    @Override
    public void stop(boolean graceful) {
        connecting.cancel();
        resendUnacked();
        if (connected && !graceful && will != null) {
            broker.will(this, will);
        }
        running = false;
        connected = false;
    }

    /**
     * The connection broke under a running camera: the broker stopped ({@code willPublished} false: nobody is
     * left to publish the Will) or the network went ({@code willPublished} true: the broker sees the socket
     * close). The camera hears of it and the link tries again after its backoff.
     */
    void drop(String reason, boolean willPublished) {
        if (!running) {
            return;
        }
        connecting.cancel();
        resendUnacked();
        boolean was = connected;
        connected = false;
        if (was && willPublished && will != null) {
            broker.will(this, will);
        }
        if (was) {
            handler.linkDown(reason);
        }
        retry();
    }

    /**
     * A reset impairment meets the open connection (the fault began, or the connection was just made under it):
     * if the draw says so, the connection is reset that long after, unless it is gone by then.
     */
    void faultMet() {
        long after = network.resetAfter(deviceId, SimNetwork.Channel.MQTT);
        if (!connected || after < 0) {
            return;
        }
        long reset = connection;
        network.clock().schedule(after, () -> {
            if (connected && connection == reset) {
                drop("connection reset", true);
            }
        });
    }

    /** What went unacknowledged on the connection just ended goes first on the next, in its order. */
    private void resendUnacked() {
        while (!unacked.isEmpty()) {
            Held h = unacked.pollLast();
            if (offline.size() == QUEUE_LIMIT) {
                offline.pollLast();
                broker.counted(false, false, true);
            }
            offline.addFirst(h);
        }
    }

    /**
     * A blackhole now meets the open connection (the fault began): unless it has lifted by then, the connection is
     * given up 1.5 keep-alives later, when neither side has heard from the other for that long.
     */
    void blackholeMet() {
        if (!connected) {
            return;
        }
        long open = connection;
        network.clock().schedule(KEEP_ALIVE_MILLIS * 3 / 2, () -> {
            if (connected && connection == open && network.silent(deviceId, SimNetwork.Channel.MQTT)) {
                drop("no packet from the broker for 1.5 x keep-alive (" + KEEP_ALIVE_MILLIS * 3 / 2 + " ms)", true);
            }
        });
    }

    /** A QoS 1 message the broker did not get (it stopped): first in line for the next connection. */
    void requeue(Topic topic, byte[] payload) {
        if (offline.size() == QUEUE_LIMIT) {
            offline.pollLast();
            broker.counted(false, false, true);
        }
        offline.addFirst(new Held(topic, payload));
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void publish(Topic topic, byte[] payload) {
        if (connected) {
            broker.counted(true, false, false);
            boolean lost = network.silent(deviceId, SimNetwork.Channel.MQTT, true);
            if (!lost) {
                broker.publish(this, topic, payload);
            }
            if (topic.qos() > 0 && (lost || network.silent(deviceId, SimNetwork.Channel.MQTT, false))) {
                unacked.add(new Held(topic, payload));
            }
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
        return offline.size() + unacked.size();
    }

    void command(byte[] payload) {
        handler.command(payload);
    }
}
