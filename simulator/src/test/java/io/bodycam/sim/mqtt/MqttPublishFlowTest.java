package io.bodycam.sim.mqtt;

import static io.bodycam.sim.mqtt.WireFixture.ascii;
import static io.bodycam.sim.mqtt.WireFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Outgoing PUBLISH at byte level: in-flight tracking, packet ids, queueing, store and forward. */
class MqttPublishFlowTest {

    /** PUBLISH QoS 1 to "t" with a two-byte payload: fixed header 0x32 (0x3a with DUP), remaining length 7. */
    private static String qos1(boolean dup, int packetId, String payload) {
        return hex((dup ? "3a" : "32") + " 07 00 01" + ascii("t") + String.format("%04x", packetId) + ascii(payload));
    }

    @Test
    void a_qos1_publish_is_in_flight_until_its_puback() {
        WireFixture f = new WireFixture().connected(false);

        assertEquals(PublishResult.SENT, f.publish("t", "p1"));
        assertEquals(qos1(false, 1, "p1"), f.sent());
        assertEquals(1, f.connection.stats().inFlightNow(), () -> f.connection.stats().toString());

        f.brokerSends("40 02 00 01");

        MqttStats s = f.connection.stats();
        assertEquals(0, s.inFlightNow(), s::toString);
        assertEquals(1, s.acked(), s::toString);
    }

    @Test
    void a_qos0_publish_is_written_without_packet_id_and_dropped_while_offline() {
        WireFixture f = new WireFixture();
        assertEquals(PublishResult.DROPPED, f.connection.publish("t", WireFixture.bytes("g"), MqttQoS.AT_MOST_ONCE, false));
        f.connected(false);

        assertEquals(PublishResult.SENT, f.connection.publish("t", WireFixture.bytes("g"), MqttQoS.AT_MOST_ONCE, false));

        assertEquals(hex("30 04 00 01" + ascii("t") + ascii("g")), f.sent());
        MqttStats s = f.connection.stats();
        assertEquals(1, s.droppedQos0Offline(), s::toString);
        assertEquals(1, s.publishedQos0(), s::toString);
    }

    @Test
    void packet_ids_wrap_at_65535_and_skip_an_id_still_in_flight() {
        WireFixture f = new WireFixture(WireFixture.config().maxInFlight(2).build()).connected(false);
        f.publish("t", "p0");
        f.sent();
        for (int id = 2; id <= 65_535; id++) {
            f.publish("t", "px");
            ((ByteBuf) f.channel().readOutbound()).release();
            f.channel().writeInbound(Unpooled.buffer(4).writeByte(0x40).writeByte(2).writeShort(id));
        }

        f.publish("t", "p2");

        assertEquals(qos1(false, 2, "p2"), f.sent(), "id 1 is still in flight, so the wrap goes on to 2");
    }

    @Test
    void beyond_max_in_flight_messages_queue_and_go_out_in_order_as_pubacks_arrive() {
        WireFixture f = new WireFixture(WireFixture.config().maxInFlight(2).build()).connected(false);

        assertEquals(PublishResult.SENT, f.publish("t", "p1"));
        assertEquals(PublishResult.SENT, f.publish("t", "p2"));
        assertEquals(PublishResult.QUEUED, f.publish("t", "p3"));
        assertEquals(PublishResult.QUEUED, f.publish("t", "p4"));
        assertEquals(qos1(false, 1, "p1") + qos1(false, 2, "p2"), f.sent());

        f.brokerSends("40 02 00 02");

        assertEquals(qos1(false, 3, "p3"), f.sent());
        assertEquals(1, f.connection.stats().queuedNow(), () -> f.connection.stats().toString());
    }

    @Test
    void after_a_reconnect_the_in_flight_message_is_resent_with_dup_before_queued_ones() {
        WireFixture f = new WireFixture(WireFixture.config().maxInFlight(1).build()).connected(true);
        f.publish("t", "p1");
        f.publish("t", "p2");
        f.sent();

        f.channel().close();
        assertEquals(PublishResult.QUEUED, f.publish("t", "p3"));
        f.clock.advance(Duration.ofSeconds(1));
        f.sent();
        f.brokerSends("20 02 01 00");

        assertEquals(qos1(true, 1, "p1"), f.sent(), "only the DUP re-send fits the window of 1");
        f.brokerSends("40 02 00 01");
        assertEquals(qos1(false, 2, "p2"), f.sent());
        f.brokerSends("40 02 00 02");
        assertEquals(qos1(false, 3, "p3"), f.sent());
        MqttStats s = f.connection.stats();
        assertEquals(1, s.retransmitted(), s::toString);
        assertEquals(3, s.publishedQos1(), s::toString);
        assertEquals(2, s.connects(), s::toString);
        assertEquals(1, s.disconnects(), s::toString);
    }

    @Test
    void in_flight_messages_are_resent_in_their_original_order_even_when_the_broker_lost_the_session() {
        WireFixture f = new WireFixture().connected(false);
        f.publish("t", "p1");
        f.publish("t", "p2");
        f.publish("t", "p3");
        f.sent();
        f.brokerSends("40 02 00 02");

        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));
        f.sent();
        f.brokerSends("20 02 00 00");

        assertEquals(qos1(true, 1, "p1") + qos1(true, 3, "p3"), f.sent());
    }

    @Test
    void a_full_queue_drops_its_oldest_message_and_counts_it() {
        WireFixture f = new WireFixture(WireFixture.config().maxQueued(2).build());
        f.publish("t", "p1");
        f.publish("t", "p2");

        assertEquals(PublishResult.QUEUED, f.publish("t", "p3"));

        f.connected(false);
        assertEquals(qos1(false, 1, "p2") + qos1(false, 2, "p3"), f.sent(), "p1 was the oldest");
        assertEquals(1, f.connection.stats().droppedQueueOverflow(), () -> f.connection.stats().toString());
    }

    @Test
    void an_mqtt5_puback_with_a_failure_reason_counts_as_rejected_and_is_not_retried() {
        WireFixture f = new WireFixture(WireFixture.config().protocol(MqttProtocol.V5).build()).connected(false);
        f.publish("t", "p1");
        assertEquals(hex("32 08 00 01" + ascii("t") + "00 01 00" + ascii("p1")), f.sent(), "MQTT 5 adds empty properties");

        f.brokerSends("40 03 00 01 87");
        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));
        f.sent();
        f.brokerSends("20 03 00 00 00");

        assertEquals("", f.sent(), "a refused message is not re-sent");
        MqttStats s = f.connection.stats();
        assertEquals(1, s.rejected(), s::toString);
        assertEquals(0, s.acked(), s::toString);
    }

    @Test
    void mqtt5_receive_maximum_in_connack_narrows_the_window() {
        WireFixture f = new WireFixture(WireFixture.config().protocol(MqttProtocol.V5).build());
        f.connection.start();
        f.sent();
        f.brokerSends("20 06 00 00 03 21 00 01");

        assertEquals(PublishResult.SENT, f.publish("t", "p1"));
        assertEquals(PublishResult.QUEUED, f.publish("t", "p2"));
    }
}
