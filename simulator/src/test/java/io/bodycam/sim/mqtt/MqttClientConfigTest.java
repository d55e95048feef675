package io.bodycam.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttClientConfigTest {

    @Test
    void defaults_follow_the_device_contract() {
        MqttClientConfig c = WireFixture.config().build();

        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60)), List.of(c.keepAlive(), c.sessionExpiry(), c.connectTimeout(), c.backoffInitial(),
                c.backoffMax()));
        assertEquals(List.of(32, 10_000), List.of(c.maxInFlight(), c.maxQueued()));
        assertFalse(c.cleanSession());
        assertEquals(MqttProtocol.V3_1_1, c.protocol());
    }

    @Test
    void a_bad_value_is_refused_with_the_field_name_and_the_value() {
        MqttClientConfig.Builder b = MqttClientConfig.builder();

        assertEquals("keep-alive must be 1..65535 whole seconds, was 0 s",
                assertThrows(IllegalArgumentException.class, () -> b.keepAlive(Duration.ZERO)).getMessage());
        assertEquals("port must be 1..65535, was 70000",
                assertThrows(IllegalArgumentException.class, () -> b.port(70_000)).getMessage());
        assertEquals("max in-flight must be 1..65000, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxInFlight(0)).getMessage());
        assertEquals("backoff initial must be 1 ms..3600 s, was 0 s",
                assertThrows(IllegalArgumentException.class, () -> b.backoffInitial(Duration.ZERO)).getMessage());
    }

    @Test
    void build_refuses_missing_fields_and_inconsistent_ones() {
        assertEquals("client id is required", assertThrows(IllegalStateException.class,
                () -> MqttClientConfig.builder().host("h").port(1).build()).getMessage());
        assertEquals("backoff max must be >= backoff initial (10 s), was 5 s", assertThrows(IllegalStateException.class,
                () -> WireFixture.config().backoffInitial(Duration.ofSeconds(10)).backoffMax(Duration.ofSeconds(5)).build())
                .getMessage());
        assertEquals("password needs a username in MQTT 3.1.1 (section 3.1.2.9)", assertThrows(IllegalStateException.class,
                () -> WireFixture.config().password(new byte[] {1}).build()).getMessage());
    }
}
