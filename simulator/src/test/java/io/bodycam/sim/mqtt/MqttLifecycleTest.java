package io.bodycam.sim.mqtt;

import static io.bodycam.sim.mqtt.WireFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connect timeout, stop, and keep-alive (MQTT 3.1.1 section 3.1.2.10), on frozen time. */
class MqttLifecycleTest {

    /** Lets {@code seconds} pass on the channel's frozen clock, one second at a time as an event loop would. */
    private static void idle(WireFixture f, int seconds) {
        for (int i = 0; i < seconds; i++) {
            f.channel().advanceTimeBy(1, TimeUnit.SECONDS);
            f.channel().runScheduledPendingTasks();
        }
    }

    @Test
    void no_connack_within_the_connect_timeout_fails_the_attempt() {
        WireFixture f = new WireFixture();
        f.connection.start();

        f.clock.advance(Duration.ofMillis(9_999));
        assertTrue(f.channel().isOpen(), "still waiting just before the timeout");
        f.clock.advance(Duration.ofMillis(1));

        assertFalse(f.channel().isOpen(), "closed at the timeout");
        assertTrue(f.listener.events.isEmpty(), () -> "events: " + f.listener.events);
    }

    @Test
    void a_graceful_stop_sends_disconnect_and_reconnects_no_more() {
        WireFixture f = new WireFixture().connected(false);

        f.connection.stop(true);

        assertEquals(hex("e0 00"), f.sent());
        assertFalse(f.channel().isOpen());
        assertFalse(f.connection.isConnected());
        assertEquals("disconnected: stopped (DISCONNECT sent)", List.copyOf(f.listener.events).get(1));
        f.clock.advance(Duration.ofMinutes(10));
        assertEquals(1, f.link.channels.size(), "no reconnect after stop");
    }

    @Test
    void a_hard_stop_only_closes_the_socket_and_start_connects_again() {
        WireFixture f = new WireFixture().connected(false);

        f.connection.stop(false);

        assertEquals("", f.sent(), "no DISCONNECT, so the broker publishes the Will");
        assertFalse(f.channel().isOpen());
        f.connection.start();
        assertEquals(2, f.link.channels.size());
    }

    @Test
    void a_pingreq_goes_out_after_a_keep_alive_without_writes() {
        WireFixture f = new WireFixture().connected(false);

        idle(f, 15);
        assertEquals("", f.sent());
        idle(f, 15);

        assertEquals(hex("c0 00"), f.sent());
        f.brokerSends("d0 00");
        idle(f, 30);
        assertTrue(f.channel().isOpen(), "a PINGRESP keeps the connection");
    }

    @Test
    void a_pingreq_goes_out_when_only_writes_happen_and_nothing_is_read() {
        WireFixture f = new WireFixture().connected(false);

        for (int s = 0; s < 30; s += 5) {
            idle(f, 5);
            f.connection.publish("t", WireFixture.bytes("g"), MqttQoS.AT_MOST_ONCE, false);
        }

        String sent = f.sent();
        assertTrue(sent.contains(hex("c0 00")), () -> "no PINGREQ after a keep-alive with nothing read: " + sent);
    }

    @Test
    void nothing_read_for_one_and_a_half_keep_alives_closes_and_reconnects() {
        WireFixture f = new WireFixture().connected(false);

        idle(f, 30);
        assertTrue(f.channel().isOpen());
        idle(f, 15);

        assertFalse(f.channel().isOpen(), "closed after 45 s without a packet from the broker");
        assertTrue(List.copyOf(f.listener.events).get(1).contains("1.5 x keep-alive"), () -> "events: " + f.listener.events);
        f.clock.advance(Duration.ofSeconds(1));
        assertEquals(2, f.link.channels.size());
    }
}
