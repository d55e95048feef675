package io.bodycam.sim.mqtt;

import static io.bodycam.sim.mqtt.WireFixture.ascii;
import static io.bodycam.sim.mqtt.WireFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The CONNECT a camera writes, byte for byte (MQTT 3.1.1 section 3.1; MQTT 5 section 3.1). */
class MqttConnectPacketTest {

    private static final String PROTOCOL_NAME = "00 04" + ascii("MQTT");
    private static final String WILL_TOPIC = "00 15" + ascii("bwc/v1/a/cam-1/status");
    private static final String WILL_PAYLOAD = "00 07" + ascii("offline");

    @Test
    void mqtt311_connect_carries_client_id_keep_alive_clean_session_off_and_a_retained_qos1_will() {
        WireFixture f = new WireFixture();

        f.connection.start();

        // flags 0x2c: will retain (0x20), will QoS 1 (0x08), will flag (0x04), clean session off
        assertEquals(hex("10 31" + PROTOCOL_NAME + "04 2c 00 1e" + "00 05" + ascii("cam-1") + WILL_TOPIC + WILL_PAYLOAD),
                f.sent());
    }

    @Test
    void clean_session_sets_its_flag_and_keep_alive_is_written_in_seconds() {
        WireFixture f = new WireFixture(WireFixture.config().cleanSession(true).keepAlive(Duration.ofSeconds(60)).build());

        f.connection.start();

        assertEquals(hex("10 31" + PROTOCOL_NAME + "04 2e 00 3c" + "00 05" + ascii("cam-1") + WILL_TOPIC + WILL_PAYLOAD),
                f.sent());
    }

    @Test
    void a_null_will_means_no_will_flag_and_no_will_fields() {
        WireFixture f = new WireFixture(WireFixture.config().build(), () -> null);

        f.connection.start();

        assertEquals(hex("10 11" + PROTOCOL_NAME + "04 00 00 1e" + "00 05" + ascii("cam-1")), f.sent());
    }

    @Test
    void mqtt5_connect_carries_the_session_expiry_property_and_empty_will_properties() {
        WireFixture f = new WireFixture(WireFixture.config().protocol(MqttProtocol.V5).build());

        f.connection.start();

        // properties: length 5, Session Expiry Interval (0x11) = 3600 s; will properties: length 0
        assertEquals(hex("10 38" + PROTOCOL_NAME + "05 2c 00 1e" + "05 11 00 00 0e 10" + "00 05" + ascii("cam-1")
                + "00" + WILL_TOPIC + WILL_PAYLOAD), f.sent());
    }

    @Test
    void the_will_is_asked_for_afresh_at_every_connect() {
        AtomicInteger seq = new AtomicInteger();
        WireFixture f = new WireFixture(WireFixture.config().build(),
                () -> new MqttWill("s", WireFixture.bytes("off-" + seq.getAndIncrement()), MqttQoS.AT_LEAST_ONCE, true));
        f.connection.start();
        String first = f.sent();

        f.channel().close();
        f.clock.advance(Duration.ofSeconds(1));

        assertEquals(true, first.endsWith(ascii("off-0")), "first CONNECT: " + first);
        String second = f.sent();
        assertEquals(true, second.endsWith(ascii("off-1")), "second CONNECT: " + second);
    }

    @Test
    void username_and_password_set_their_flags_and_follow_the_will() {
        WireFixture f = new WireFixture(WireFixture.config().username("u").password(WireFixture.bytes("pw")).build(),
                () -> null);

        f.connection.start();

        assertEquals(hex("10 18" + PROTOCOL_NAME + "04 c0 00 1e" + "00 05" + ascii("cam-1") + "00 01" + ascii("u")
                + "00 02" + ascii("pw")), f.sent());
    }
}
