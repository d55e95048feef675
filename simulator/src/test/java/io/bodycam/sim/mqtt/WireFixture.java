package io.bodycam.sim.mqtt;

import io.bodycam.sim.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One {@link MqttConnection} on a {@link ManualClock} whose every connection attempt is an
 * {@link EmbeddedChannel}: the test reads what the camera wrote as hex and answers with broker bytes.
 */
final class WireFixture {

    static final MqttWill WILL = new MqttWill("bwc/v1/a/cam-1/status", bytes("offline"), MqttQoS.AT_LEAST_ONCE, true);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final EmbeddedLink link = new EmbeddedLink(clock);
    final RecordingListener listener = new RecordingListener();
    final MqttConnection connection;
    private final boolean v5;

    WireFixture(MqttClientConfig config, Supplier<MqttWill> will, RandomGenerator jitter) {
        connection = new MqttConnection(config, link, clock, will, listener, jitter);
        v5 = config.protocol() == MqttProtocol.V5;
    }

    WireFixture(MqttClientConfig config, Supplier<MqttWill> will) {
        this(config, will, new SplittableRandom(42));
    }

    WireFixture(MqttClientConfig config) {
        this(config, () -> WILL);
    }

    WireFixture() {
        this(config().build());
    }

    static MqttClientConfig.Builder config() {
        return MqttClientConfig.builder().host("127.0.0.1").port(1883).clientId("cam-1");
    }

    /** Starts, swallows the CONNECT, and accepts with the given session-present flag. */
    WireFixture connected(boolean sessionPresent) {
        connection.start();
        sent();
        connAck(sessionPresent);
        return this;
    }

    /** An accepting CONNACK (MQTT 5: with an empty property list). */
    void connAck(boolean sessionPresent) {
        brokerSends((v5 ? "20 03 0" : "20 02 0") + (sessionPresent ? 1 : 0) + (v5 ? " 00 00" : " 00"));
    }

    EmbeddedChannel channel() {
        return link.last();
    }

    /** Everything the camera wrote since the last call, as lower-case hex without spaces. */
    String sent() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = channel().readOutbound()) != null) {
            sb.append(ByteBufUtil.hexDump(b));
            b.release();
        }
        return sb.toString();
    }

    void brokerSends(String spacedHex) {
        channel().writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex(spacedHex))));
    }

    PublishResult publish(String topic, String payload) {
        return connection.publish(topic, bytes(payload), MqttQoS.AT_LEAST_ONCE, false);
    }

    static String hex(String spaced) {
        return spaced.replace(" ", "").toLowerCase();
    }

    static String ascii(String s) {
        return ByteBufUtil.hexDump(bytes(s));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
