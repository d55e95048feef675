package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.time.ManualClock;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
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
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The observer's side of the MQTT exchange, packet by packet, on an {@link EmbeddedChannel}. */
class ObserverSessionTest {

    private static final long ARRIVED_AT = 1_767_225_600_123L;

    private final List<String> heard = new ArrayList<>();
    private final ObserverSession.Events events = new ObserverSession.Events() {
        @Override
        public void accepted(ObserverSession session) {
            heard.add("accepted");
        }

        @Override
        public void subscribed(ObserverSession session) {
            heard.add("subscribed");
        }

        @Override
        public void refused(ObserverSession session, List<Integer> returnCodes) {
            heard.add("refused " + returnCodes);
        }

        @Override
        public void message(String topic, byte[] payload, boolean retained, long arrivedAt) {
            heard.add("message " + topic + " " + new String(payload, StandardCharsets.UTF_8) + " retained=" + retained
                    + " at " + arrivedAt);
        }

        @Override
        public void ended(ObserverSession session, String reason) {
            heard.add("ended: " + reason);
        }
    };

    private final MessageHandler handler = new MessageHandler(new FleetModel(new ManualClock(ARRIVED_AT)),
            new CommandBook((timeout, onTimeout) -> () -> { }, "test-", () -> 0));
    private final EmbeddedChannel channel = session(Subscriptions.of(handler, "kcpd", null));

    private EmbeddedChannel session(Subscriptions subscriptions) {
        return new EmbeddedChannel(new ObserverSession(
                new ObserverSession.Settings("bodycam-observer-1", "bench-observer", "s3cret".getBytes(StandardCharsets.UTF_8),
                        30, Duration.ofSeconds(10), subscriptions),
                () -> ARRIVED_AT, events));
    }

    @Test
    void connects_with_a_clean_session_its_credentials_and_keep_alive() {
        MqttConnectMessage connect = channel.readOutbound();

        assertEquals("bodycam-observer-1", connect.payload().clientIdentifier());
        assertEquals("bench-observer", connect.payload().userName());
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), connect.payload().passwordInBytes());
        assertTrue(connect.variableHeader().isCleanSession(), "clean session");
        assertEquals(30, connect.variableHeader().keepAliveTimeSeconds(), "keep-alive");
        assertEquals(4, connect.variableHeader().version(), "protocol level of MQTT 3.1.1");
    }

    @Test
    void subscribes_after_the_connack_and_is_subscribed_when_the_suback_grants_it() {
        channel.readOutbound();
        channel.writeInbound(connAck());
        MqttSubscribeMessage subscribe = channel.readOutbound();
        assertEquals(List.of("bwc/v1/kcpd/+/status", "bwc/v1/kcpd/+/state", "bwc/v1/kcpd/+/gps", "bwc/v1/kcpd/+/events",
                        "bwc/v1/kcpd/+/cmd/ack"),
                subscribe.payload().topicSubscriptions().stream().map(MqttTopicSubscription::topicFilter).toList());

        channel.writeInbound(subAck(subscribe, MqttQoS.AT_LEAST_ONCE));

        assertEquals(List.of("accepted", "subscribed"), heard);
    }

    @Test
    void subscribes_to_many_cameras_a_batch_to_a_subscribe_and_is_subscribed_once_every_batch_is_granted() {
        EmbeddedChannel many = session(Subscriptions.of(handler, "kcpd", cameras(250)));
        List<MqttSubscribeMessage> subscribes = accept(many);
        MqttSubscribeMessage first = subscribes.get(0);
        MqttSubscribeMessage second = subscribes.get(1);
        assertEquals(Subscriptions.BATCH, first.payload().topicSubscriptions().size(), "first SUBSCRIBE");
        assertEquals(250 * 5 - Subscriptions.BATCH, second.payload().topicSubscriptions().size(), "second SUBSCRIBE");
        assertEquals("bwc/v1/kcpd/CAM-000/status", first.payload().topicSubscriptions().get(0).topicFilter());
        assertTrue(first.variableHeader().messageId() != second.variableHeader().messageId(), "packet ids differ");

        many.writeInbound(subAck(second, MqttQoS.AT_LEAST_ONCE));
        assertEquals(List.of("accepted"), heard, "one batch of two granted");
        many.writeInbound(subAck(first, MqttQoS.AT_LEAST_ONCE));
        assertEquals(List.of("accepted", "subscribed"), heard);
    }

    @Test
    void one_refused_filter_in_any_batch_refuses_the_subscription() {
        EmbeddedChannel many = session(Subscriptions.of(handler, "kcpd", cameras(250)));
        List<MqttSubscribeMessage> subscribes = accept(many);
        MqttSubscribeMessage first = subscribes.get(0);
        MqttSubscribeMessage second = subscribes.get(1);

        many.writeInbound(subAck(first, MqttQoS.AT_LEAST_ONCE));
        many.writeInbound(subAck(second, MqttQoS.FAILURE));

        assertEquals(2, heard.size(), "heard: " + heard);
        assertTrue(heard.get(1).startsWith("refused ") && heard.get(1).contains("128"), heard.get(1));
    }

    /** Lets the session's CONNECT be accepted; returns the SUBSCRIBEs it sent then. */
    private static List<MqttSubscribeMessage> accept(EmbeddedChannel session) {
        session.readOutbound();
        session.writeInbound(connAck());
        List<MqttSubscribeMessage> subscribes = new ArrayList<>();
        for (Object m = session.readOutbound(); m != null; m = session.readOutbound()) {
            subscribes.add((MqttSubscribeMessage) m);
        }
        return subscribes;
    }

    private static Set<String> cameras(int n) {
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("CAM-%03d", i));
        }
        return ids;
    }

    /** A SUBACK of {@code subscribe} that gives each filter {@code qos}. */
    private static MqttSubAckMessage subAck(MqttSubscribeMessage subscribe, MqttQoS qos) {
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck().packetId(subscribe.variableHeader().messageId());
        subscribe.payload().topicSubscriptions().forEach(t -> ack.addGrantedQos(qos));
        return ack.build();
    }

    @Test
    void acknowledges_a_qos_1_message_as_it_is_read_and_hands_it_on_stamped() {
        channel.readOutbound();
        channel.writeInbound(connAck());
        channel.readOutbound();
        byte[] payload = "{\"seq\":0}".getBytes(StandardCharsets.UTF_8);

        channel.writeInbound(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, true, 0),
                new MqttPublishVariableHeader("bwc/v1/kcpd/IPD-0001/state", 42), Unpooled.wrappedBuffer(payload)));

        MqttMessage ack = channel.readOutbound();
        assertEquals(MqttMessageType.PUBACK, ack.fixedHeader().messageType());
        assertEquals(42, ((MqttMessageIdVariableHeader) ack.variableHeader()).messageId());
        assertEquals("message bwc/v1/kcpd/IPD-0001/state {\"seq\":0} retained=true at " + ARRIVED_AT, heard.get(1));
    }

    @Test
    void a_refused_connection_ends_with_the_brokers_reason() {
        channel.readOutbound();

        channel.writeInbound(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD).build());

        assertEquals(List.of("ended: the broker refused the connection: CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD"), heard);
    }

    private static MqttConnAckMessage connAck() {
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false).build();
    }
}
