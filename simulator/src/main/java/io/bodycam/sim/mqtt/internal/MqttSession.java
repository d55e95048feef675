package io.bodycam.sim.mqtt.internal;

import io.bodycam.sim.mqtt.MqttListener;
import io.bodycam.sim.mqtt.MqttStats;
import io.bodycam.sim.mqtt.PublishResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of an MQTT session, kept across network connections: unacknowledged QoS 1 messages by
 * packet id (in the order they were first sent), the queue behind them, the subscriptions, incoming QoS 2
 * ids, and the counters. One camera owns one; it is touched only on that camera's event loop.
 *
 * <p>On every accepted CONNACK it re-sends all unacknowledged PUBLISHes with DUP set, in their original
 * order, before anything new. MQTT 3.1.1 section 4.4: "When a Client reconnects with CleanSession set to
 * 0, both the Client and Server MUST re-send any unacknowledged PUBLISH Packets (where QoS &gt; 0) and PUBREL
 * Packets using their original Packet Identifiers [MQTT-4.4.0-1]. This is the only circumstance where a
 * Client or Server is REQUIRED to redeliver messages." MQTT 5 section 4.4 says the same and adds "Clients
 * and Servers MUST NOT resend messages at any other time", so nothing is retried on a live connection. A
 * camera never throws away a message the broker has not acknowledged, so it re-sends even when the broker
 * lost the session (session present 0), where the spec lets the client discard its state.
 */
public final class MqttSession {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final WarnThenDebugLogger REJECTED = new WarnThenDebugLogger(LOG);
    private static final WarnThenDebugLogger SUBSCRIPTION_REFUSED = new WarnThenDebugLogger(LOG);
    private static final int MAX_PACKET_ID = 65_535;

    private final String clientId;
    private final int maxInFlight;
    private final int maxQueued;
    private final MqttListener listener;

    private final LinkedHashMap<Integer, OutboundPublish> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<OutboundPublish> queue = new ArrayDeque<>();
    private final LinkedHashMap<String, MqttQoS> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, List<String>> pendingSubscribes = new HashMap<>();
    private final Set<Integer> incomingQos2 = new HashSet<>();
    private int lastPacketId;
    private boolean subscriptionsConfirmed;

    private Channel channel;
    private int window;

    private long publishedQos0;
    private long publishedQos1;
    private long acked;
    private long rejected;
    private long droppedQos0Offline;
    private long droppedQueueOverflow;
    private long retransmitted;
    private long connects;
    private long disconnects;
    private long messagesReceived;
    private long subscriptionsGranted;
    private long subscriptionsRejected;

    public MqttSession(String clientId, int maxInFlight, int maxQueued, MqttListener listener) {
        this.clientId = clientId;
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.listener = listener;
    }

    public boolean isOnline() {
        return channel != null;
    }

    /**
     * The broker accepted {@code ch}: re-send what is in flight (DUP), subscribe if the broker does not
     * hold our subscriptions, then fill the window from the queue. {@code receiveMaximum} is the broker's
     * MQTT 5 Receive Maximum (65535 when absent): "The Client MUST NOT send more than Receive Maximum QoS 1
     * and QoS 2 PUBLISH packets for which it has not received PUBACK" (MQTT 5 section 3.3.4).
     */
    public void online(Channel ch, boolean sessionPresent, int receiveMaximum) {
        channel = ch;
        window = Math.min(maxInFlight, receiveMaximum);
        connects++;
        for (OutboundPublish p : inFlight.values()) {
            write(p, true);
            retransmitted++;
        }
        if (!sessionPresent || !subscriptionsConfirmed) {
            sendSubscribe(List.copyOf(subscriptions.keySet()));
        }
        drain();
        ch.flush();
    }

    /** {@code ch} is gone; true if it was the online channel (then counted as a disconnect). */
    public boolean offline(Channel ch) {
        if (channel == null || channel != ch) {
            return false;
        }
        channel = null;
        disconnects++;
        if (!pendingSubscribes.isEmpty()) {
            pendingSubscribes.clear();
            subscriptionsConfirmed = false;
        }
        return true;
    }

    public PublishResult publish(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        if (qos == MqttQoS.AT_MOST_ONCE) {
            if (channel == null) {
                droppedQos0Offline++;
                return PublishResult.DROPPED;
            }
            MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, retain, 0);
            channel.writeAndFlush(new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, 0),
                    buffer(payload)), channel.voidPromise());
            publishedQos0++;
            return PublishResult.SENT;
        }
        OutboundPublish p = new OutboundPublish(topic, payload, retain);
        if (channel != null && queue.isEmpty() && inFlight.size() < window) {
            send(p);
            channel.flush();
            return PublishResult.SENT;
        }
        if (queue.size() >= maxQueued) {
            if (queue.pollFirst() == null) {
                droppedQueueOverflow++;
                return PublishResult.DROPPED;
            }
            droppedQueueOverflow++;
        }
        queue.addLast(p);
        return PublishResult.QUEUED;
    }

    /** Remembers {@code filter} for every later connect, and subscribes now when online. */
    public void subscribe(String filter, MqttQoS qos) {
        MqttQoS before = subscriptions.put(filter, qos);
        if (before == qos) {
            return;
        }
        if (channel == null) {
            subscriptionsConfirmed = false;
        } else {
            sendSubscribe(List.of(filter));
            channel.flush();
        }
    }

    /** A PUBACK for {@code packetId}; {@code reasonCode} 0x80 or above (MQTT 5) means the broker refused it. */
    void acknowledged(int packetId, int reasonCode) {
        OutboundPublish p = inFlight.remove(packetId);
        if (p == null) {
            LOG.debug("{}: PUBACK for packet id {} that is not in flight", clientId, packetId);
            return;
        }
        if (reasonCode >= 0x80) {
            rejected++;
            REJECTED.log("{}: broker refused a publish on {} with reason 0x{}", clientId, p.topic,
                    Integer.toHexString(reasonCode));
        } else {
            acked++;
        }
        if (channel != null) {
            drain();
            channel.flush();
        }
    }

    /** A SUBACK: one return code per filter of the SUBSCRIBE with that id (0x80 and above: refused). */
    void subscribeAcknowledged(int packetId, List<Integer> returnCodes) {
        List<String> filters = pendingSubscribes.remove(packetId);
        if (filters == null) {
            LOG.debug("{}: SUBACK for unknown packet id {}", clientId, packetId);
            return;
        }
        for (int i = 0; i < returnCodes.size(); i++) {
            int code = returnCodes.get(i);
            if (code >= 0x80) {
                subscriptionsRejected++;
                SUBSCRIPTION_REFUSED.log("{}: broker refused subscription {} with code 0x{}", clientId,
                        i < filters.size() ? filters.get(i) : "?", Integer.toHexString(code));
            } else {
                subscriptionsGranted++;
            }
        }
    }

    /**
     * An incoming PUBLISH, copied out of {@code payload} (the caller releases it). QoS 1: delivered, then
     * PUBACK. QoS 2 follows "Method B" of MQTT 3.1.1 figure 4.3: the id is stored and the message
     * delivered once, PUBREC sent for every copy, the id dropped at PUBREL.
     */
    void received(String topic, ByteBuf payload, MqttQoS qos, boolean duplicate, int packetId) {
        byte[] bytes = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), bytes);
        boolean deliver = qos != MqttQoS.EXACTLY_ONCE || incomingQos2.add(packetId);
        if (deliver) {
            messagesReceived++;
            listener.onMessage(topic, bytes, qos, duplicate);
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            reply(MqttMessageType.PUBACK, packetId);
        } else if (qos == MqttQoS.EXACTLY_ONCE) {
            reply(MqttMessageType.PUBREC, packetId);
        }
    }

    /** PUBREL for an incoming QoS 2 message: forget its id and answer PUBCOMP. */
    void released(int packetId) {
        incomingQos2.remove(packetId);
        reply(MqttMessageType.PUBCOMP, packetId);
    }

    public MqttStats stats() {
        return new MqttStats(publishedQos0, publishedQos1, acked, rejected, droppedQos0Offline, droppedQueueOverflow,
                queue.size(), inFlight.size(), retransmitted, connects, disconnects, messagesReceived,
                subscriptionsGranted, subscriptionsRejected);
    }

    private void reply(MqttMessageType type, int packetId) {
        if (channel != null) {
            MqttFixedHeader header = new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
            channel.writeAndFlush(new MqttMessage(header, MqttMessageIdVariableHeader.from(packetId)),
                    channel.voidPromise());
        }
    }

    private void drain() {
        OutboundPublish next;
        while (inFlight.size() < window && (next = queue.pollFirst()) != null) {
            send(next);
        }
    }

    private void send(OutboundPublish p) {
        p.packetId = nextPacketId();
        inFlight.put(p.packetId, p);
        publishedQos1++;
        write(p, false);
    }

    private void write(OutboundPublish p, boolean dup) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.AT_LEAST_ONCE, p.retain, 0);
        channel.write(new MqttPublishMessage(header, new MqttPublishVariableHeader(p.topic, p.packetId),
                buffer(p.payload)), channel.voidPromise());
    }

    private void sendSubscribe(List<String> filters) {
        if (filters.isEmpty()) {
            subscriptionsConfirmed = true;
            return;
        }
        MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe();
        filters.forEach(f -> b.addSubscription(subscriptions.get(f), f));
        int id = nextPacketId();
        pendingSubscribes.put(id, filters);
        channel.write(b.messageId(id).build(), channel.voidPromise());
        subscriptionsConfirmed = true;
    }

    /**
     * Built directly from a pooled buffer: {@code MqttMessageBuilders.publish()} would copy it
     * (docs/platform.md#netty-mqtt-publish).
     */
    private ByteBuf buffer(byte[] payload) {
        return channel.alloc().buffer(payload.length).writeBytes(payload);
    }

    /**
     * The next packet identifier, 1..65535, skipping any still in use: "Each time a Client sends a new
     * packet of one of these types it MUST assign it a currently unused Packet Identifier" (MQTT 3.1.1
     * section 2.3.1). At most 65000 QoS 1 messages are in flight, so a free one always exists.
     */
    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (inFlight.containsKey(lastPacketId) || pendingSubscribes.containsKey(lastPacketId));
        return lastPacketId;
    }
}
