package io.bodycam.bench.observer.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the {@link NettyObserverLink}, from CONNECT to close, on its channel's event loop. When
 * the channel is active it sends CONNECT (MQTT 3.1.1, clean session); on an accepted CONNACK it installs
 * {@link ObserverKeepAlive} and subscribes to every filter, {@link Subscriptions#BATCH} to a SUBSCRIBE; the SUBACKs
 * that grant them all complete the handshake, which must end within the connect timeout.
 *
 * <p>Each PUBLISH is stamped with its arrival first, then acknowledged (QoS 1: PUBACK, written at once and
 * flushed with the others of the same read) and handed on, copied out of Netty's buffer, to be handled
 * elsewhere: nothing here parses a payload, takes a lock across I/O or waits. The commands the link
 * publishes wait for their PUBACK here by packet id. Whatever ends the connection (a refused CONNACK, a
 * malformed packet, no answer in time, a socket error) closes the channel and is the reason the link hears.
 */
final class ObserverSession extends ChannelInboundHandlerAdapter {

    static final String NAME = "observer-session";
    private static final Logger log = LoggerFactory.getLogger(ObserverSession.class);
    private static final int MAX_PACKET_ID = 65_535;
    /** Commands waiting for their PUBACK at most; Paho's observer had the same limit. */
    private static final int MAX_INFLIGHT_COMMANDS = 10_000;

    /** What a session tells its link, on the session's event loop. */
    interface Events {

        /** The broker accepted the CONNECT; the SUBSCRIBE is on its way. */
        void accepted(ObserverSession session);

        /** The broker granted every subscription. */
        void subscribed(ObserverSession session);

        /** The broker refused at least one subscription (MQTT 3.1.1 section 3.9.3: return code 0x80). */
        void refused(ObserverSession session, List<Integer> returnCodes);

        /** A PUBLISH arrived at {@code arrivedAt} (virtual ms), already acknowledged. */
        void message(String topic, byte[] payload, boolean retained, long arrivedAt);

        /** The connection is closed, for {@code reason}. */
        void ended(ObserverSession session, String reason);
    }

    /** What the session connects and subscribes with. */
    record Settings(String clientId, String username, byte[] password, int keepAliveSeconds, Duration connectTimeout,
            Subscriptions subscriptions) {
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final Events events;
    /** Commands published and not yet acknowledged, by packet id: what to tell if they are lost. */
    private final Map<Integer, Consumer<Throwable>> commands = new HashMap<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> handshakeTimeout;
    private int lastPacketId;
    /** The SUBSCRIBEs not yet acknowledged: how many filters each had, by packet id. */
    private final Map<Integer, Integer> subscribing = new HashMap<>();
    /** The return codes of the SUBACKs so far, in the order they came. */
    private final List<Integer> granted = new ArrayList<>();
    /** Whether a SUBACK had not one return code per filter of its SUBSCRIBE. */
    private boolean miscounted;
    private boolean accepted;
    private boolean acksToFlush;
    private String reason;

    /** @param clock the arrival stamp of a message, virtual ms */
    ObserverSession(Settings settings, LongSupplier clock, Events events) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Publishes a command at QoS 1, not retained; from any thread. {@code onFailure} hears, on the event
     * loop, if it could not be written or the connection was lost before the broker's PUBACK.
     */
    void publish(String topic, byte[] payload, Consumer<Throwable> onFailure) {
        try {
            ctx.executor().execute(() -> send(topic, payload, onFailure));
        } catch (RejectedExecutionException e) {
            onFailure.accept(e);
        }
    }

    /** Sends DISCONNECT (so the broker knows the observer left on purpose) and closes; from any thread. */
    ChannelFuture disconnect() {
        Channel ch = ctx.channel();
        ctx.executor().execute(() -> {
            fail("closed by the observer");
            ch.writeAndFlush(MqttMessage.DISCONNECT).addListener(ChannelFutureListener.CLOSE);
        });
        return ch.closeFuture();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(settings.clientId())
                .cleanSession(true)
                .keepAlive(settings.keepAliveSeconds())
                .willFlag(false)
                .willQoS(MqttQoS.AT_MOST_ONCE)
                .username(settings.username())
                .password(settings.password());
        ctx.writeAndFlush(connect.build(), ctx.voidPromise());
        long timeout = settings.connectTimeout().toMillis();
        handshakeTimeout = ctx.executor().schedule(() -> {
            fail("no CONNACK and SUBACK within " + timeout + " ms");
            ctx.close();
        }, timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage m = (MqttMessage) msg;
        if (m.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            close(ctx, "malformed packet from the broker: " + m.decoderResult().cause().getMessage());
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        if (!accepted && type != MqttMessageType.CONNACK) {
            // MQTT 3.1.1 section 3.2: "The first packet sent from the Server to the Client MUST be a CONNACK Packet"
            ReferenceCountUtil.release(msg);
            close(ctx, "protocol violation: " + type + " before CONNACK");
            return;
        }
        switch (type) {
            case PUBLISH -> received(ctx, (MqttPublishMessage) m);
            case PUBACK -> commands.remove(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
            case SUBACK -> subscribeAcknowledged((MqttSubAckMessage) m);
            case CONNACK -> connAck(ctx, (MqttConnAckMessage) m);
            default -> {
                log.debug("observer ignored {}", m);
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (acksToFlush) {
            acksToFlush = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close(ctx, cause.toString());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (!commands.isEmpty()) {
            IOException lost = new IOException("the observer lost the broker before it acknowledged the command");
            List<Consumer<Throwable>> waiting = new ArrayList<>(commands.values());
            commands.clear();
            waiting.forEach(onFailure -> onFailure.accept(lost));
        }
        events.ended(this, reason != null ? reason : "connection closed by the broker");
        ctx.fireChannelInactive();
    }

    private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage m) {
        if (accepted) {
            close(ctx, "protocol violation: a second CONNACK");
            return;
        }
        MqttConnectReturnCode code = m.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            close(ctx, "the broker refused the connection: " + code);
            return;
        }
        accepted = true;
        ObserverKeepAlive.install(ctx.pipeline(), ctx.name(), settings.keepAliveSeconds());
        events.accepted(this);
        for (Map<String, Integer> batch : settings.subscriptions().batches()) {
            MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe();
            batch.forEach((filter, qos) -> subscribe.addSubscription(MqttQoS.valueOf(qos), filter));
            int id = nextPacketId();
            subscribing.put(id, batch.size());
            ctx.write(subscribe.messageId(id).build(), ctx.voidPromise());
        }
        ctx.flush();
    }

    private void subscribeAcknowledged(MqttSubAckMessage m) {
        int id = m.variableHeader().messageId();
        Integer filters = subscribing.remove(id);
        if (filters == null) {
            log.debug("observer: SUBACK for packet id {}, which it did not send", id);
            return;
        }
        List<Integer> codes = m.payload().reasonCodes();
        granted.addAll(codes);
        miscounted |= codes.size() != filters;
        if (!subscribing.isEmpty()) {
            return;
        }
        handshakeTimeout.cancel(false);
        if (!miscounted && granted.stream().noneMatch(c -> c == 0x80)) {
            events.subscribed(this);
        } else {
            events.refused(this, List.copyOf(granted));
        }
    }

    private void received(ChannelHandlerContext ctx, MqttPublishMessage p) {
        long arrivedAt = clock.getAsLong();
        try {
            MqttQoS qos = p.fixedHeader().qosLevel();
            if (qos == MqttQoS.AT_LEAST_ONCE) {
                MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
                ctx.write(new MqttMessage(header, MqttMessageIdVariableHeader.from(p.variableHeader().packetId())),
                        ctx.voidPromise());
                acksToFlush = true;
            } else if (qos != MqttQoS.AT_MOST_ONCE) {
                // MQTT 3.1.1 section 3.8.4: the Server never sends a message at a higher QoS than it granted (at most 1)
                close(ctx, "protocol violation: a " + qos + " PUBLISH on a subscription of QoS 1 at most");
                return;
            }
            byte[] payload = new byte[p.payload().readableBytes()];
            p.payload().getBytes(p.payload().readerIndex(), payload);
            events.message(p.variableHeader().topicName(), payload, p.fixedHeader().isRetain(), arrivedAt);
        } finally {
            p.release();
        }
    }

    private void send(String topic, byte[] payload, Consumer<Throwable> onFailure) {
        if (!ctx.channel().isActive()) {
            onFailure.accept(new IOException("the observer lost the broker before sending the command"));
            return;
        }
        if (commands.size() >= MAX_INFLIGHT_COMMANDS) {
            onFailure.accept(new IllegalStateException(MAX_INFLIGHT_COMMANDS + " commands already wait for the broker's PUBACK"));
            return;
        }
        int id = nextPacketId();
        commands.put(id, onFailure);
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0);
        ctx.writeAndFlush(new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, id), Unpooled.wrappedBuffer(payload)))
                .addListener(written -> {
                    if (!written.isSuccess() && commands.remove(id) != null) {
                        onFailure.accept(written.cause());
                    }
                });
    }

    /**
     * The next packet identifier, 1..65535, skipping those in use: "Each time a Client sends a new packet of
     * one of these types it MUST assign it a currently unused Packet Identifier" (MQTT 3.1.1 section 2.3.1).
     */
    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (commands.containsKey(lastPacketId) || subscribing.containsKey(lastPacketId));
        return lastPacketId;
    }

    private void close(ChannelHandlerContext ctx, String why) {
        fail(why);
        ctx.close();
    }

    /** The first reason given is the one the link hears. */
    private void fail(String why) {
        if (reason == null) {
            reason = why;
        }
    }
}
