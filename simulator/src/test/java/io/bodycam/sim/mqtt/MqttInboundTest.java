package io.bodycam.sim.mqtt;

import static io.bodycam.sim.mqtt.WireFixture.ascii;
import static io.bodycam.sim.mqtt.WireFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.mqtt.RecordingListener.Received;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the broker sends a camera, at byte level: PUBLISH at each QoS, SUBACK, bad input. */
class MqttInboundTest {

    private static final String CMD = "00 03" + ascii("cmd");
    private static final String SUBSCRIBE_CMD_QOS1 = hex("82 08 00 01" + CMD + "01");

    @Test
    void an_incoming_qos1_publish_is_delivered_then_acknowledged_with_the_same_packet_id() {
        WireFixture f = new WireFixture().connected(false);

        f.brokerSends("32 09" + CMD + "12 34" + ascii("{}"));

        assertEquals(List.of(new Received("cmd", "{}", MqttQoS.AT_LEAST_ONCE, false)), List.copyOf(f.listener.messages));
        assertEquals(hex("40 02 12 34"), f.sent());
    }

    @Test
    void an_incoming_qos0_publish_is_delivered_and_not_acknowledged() {
        WireFixture f = new WireFixture().connected(false);

        f.brokerSends("30 07" + CMD + ascii("{}"));

        assertEquals(List.of(new Received("cmd", "{}", MqttQoS.AT_MOST_ONCE, false)), List.copyOf(f.listener.messages));
        assertEquals("", f.sent());
    }

    @Test
    void an_incoming_qos2_publish_is_delivered_once_and_answered_pubrec_then_pubcomp() {
        WireFixture f = new WireFixture().connected(false);

        f.brokerSends("34 09" + CMD + "00 07" + ascii("{}"));
        f.brokerSends("3c 09" + CMD + "00 07" + ascii("{}"));
        f.brokerSends("62 02 00 07");

        assertEquals(1, f.listener.messages.size(), () -> "delivered: " + f.listener.messages);
        assertEquals(hex("50 02 00 07" + "50 02 00 07" + "70 02 00 07"), f.sent());
    }

    @Test
    void malformed_bytes_from_the_broker_close_the_channel_without_an_exception_and_it_reconnects() {
        WireFixture f = new WireFixture().connected(false);

        f.brokerSends("00 00");

        assertFalse(f.channel().isOpen(), "channel still open after a reserved packet type");
        f.channel().checkException();
        assertTrue(f.listener.events.peek().startsWith("connected"), () -> "events: " + f.listener.events);
        assertTrue(List.copyOf(f.listener.events).get(1).contains("malformed packet"), () -> "events: " + f.listener.events);
        f.clock.advance(Duration.ofSeconds(1));
        assertEquals(2, f.link.channels.size(), "a new connection attempt after the backoff");
    }

    @Test
    void a_publish_before_connack_is_a_protocol_violation_that_closes_the_channel() {
        WireFixture f = new WireFixture();
        f.connection.start();

        f.brokerSends("30 07" + CMD + ascii("{}"));

        assertFalse(f.channel().isOpen());
        assertTrue(f.listener.messages.isEmpty(), () -> "delivered: " + f.listener.messages);
    }

    @Test
    void a_refused_connack_closes_the_channel_without_reporting_a_connection() {
        WireFixture f = new WireFixture();
        f.connection.start();

        f.brokerSends("20 02 00 05");

        assertFalse(f.channel().isOpen());
        assertFalse(f.connection.isConnected());
        assertTrue(f.listener.events.isEmpty(), () -> "events: " + f.listener.events);
    }

    @Test
    void subscriptions_are_sent_on_the_first_connack_and_again_only_when_the_broker_lost_the_session() {
        WireFixture f = new WireFixture();
        f.connection.subscribe("cmd", MqttQoS.AT_LEAST_ONCE);
        f.connected(true);
        assertEquals(SUBSCRIBE_CMD_QOS1, f.sent(), "first connect, even with a session present");
        f.brokerSends("90 03 00 01 01");

        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));
        f.sent();
        f.connAck(true);
        assertEquals("", f.sent(), "the broker kept the session and its subscriptions");

        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));
        f.sent();
        f.connAck(false);
        assertEquals(hex("82 08 00 02" + CMD + "01"), f.sent());
    }

    @Test
    void a_subscribe_while_connected_goes_out_at_once_and_a_refusal_in_suback_is_counted() {
        WireFixture f = new WireFixture().connected(false);

        f.connection.subscribe("cmd", MqttQoS.AT_LEAST_ONCE);
        assertEquals(SUBSCRIBE_CMD_QOS1, f.sent());
        f.brokerSends("90 03 00 01 80");

        MqttStats s = f.connection.stats();
        assertEquals(1, s.subscriptionsRejected(), s::toString);
        assertTrue(f.channel().isOpen(), "a refused subscription does not end the connection");
    }

    @Test
    void an_mqtt5_disconnect_from_the_broker_is_reported_with_its_reason_code() {
        WireFixture f = new WireFixture(WireFixture.config().protocol(MqttProtocol.V5).build()).connected(false);

        f.brokerSends("e0 01 8e");

        assertFalse(f.channel().isOpen());
        assertEquals("disconnected: broker sent DISCONNECT, reason 0x8e", List.copyOf(f.listener.events).get(1));
    }

    @Test
    void a_listener_that_throws_does_not_break_the_connection_and_the_message_is_still_acknowledged() {
        WireFixture f = new WireFixture().connected(false);
        f.listener.failOnMessage = true;

        f.brokerSends("32 09" + CMD + "00 05" + ascii("{}"));

        assertTrue(f.channel().isOpen());
        assertEquals(hex("40 02 00 05"), f.sent());
    }
}
