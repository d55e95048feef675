package io.bodycam.sim.mqtt;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.mqtt.RecordingListener.Received;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.MosquittoProcess;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link MqttConnection} against Debian's Mosquitto over real loopback sockets, at MQTT 3.1.1 and 5. */
class MqttMosquittoTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static EventLoopGroup group;
    private static MosquittoProcess broker;
    private final List<MosquittoClient> clients = new ArrayList<>();
    private final List<MosquittoProcess> ownBrokers = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws IOException {
        assumeTrue(MosquittoProcess.findBinary().isPresent(),
                "mosquitto is not installed (apt-get install -y mosquitto); skipping the broker tests");
        broker = MosquittoProcess.start();
        group = Transport.best().newGroup(2);
    }

    @AfterAll
    static void stopBroker() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopClients() {
        clients.forEach(c -> c.run(m -> m.stop(true)));
        ownBrokers.forEach(MosquittoProcess::close);
    }

    private MosquittoClient client(int port, String role, MqttProtocol p, Supplier<MqttWill> will) {
        MosquittoClient c = new MosquittoClient(group, port, role + "-" + p + "-" + IDS.incrementAndGet(), p, will);
        clients.add(c);
        return c;
    }

    private MosquittoClient client(String role, MqttProtocol p) {
        return client(broker.port(), role, p, () -> null);
    }

    private static String topic(MqttProtocol p, String name) {
        return "it/" + p + "/" + IDS.incrementAndGet() + "/" + name;
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void qos0_and_qos1_messages_reach_a_second_connection_subscribed_to_the_topic(MqttProtocol p) {
        String topic = topic(p, "gps");
        MosquittoClient sub = client("sub", p).started().subscribed(topic);
        MosquittoClient pub = client("pub", p).started();

        assertEquals(PublishResult.SENT, pub.publish(topic, "fix-0", MqttQoS.AT_MOST_ONCE, false));
        assertEquals(PublishResult.SENT, pub.publish(topic, "state-1", MqttQoS.AT_LEAST_ONCE, false));

        await("both messages at the subscriber").atMost(MosquittoClient.WAIT).until(() -> sub.listener.messages.size(),
                equalTo(2));
        assertEquals(List.of(new Received(topic, "fix-0", MqttQoS.AT_MOST_ONCE, false),
                new Received(topic, "state-1", MqttQoS.AT_LEAST_ONCE, false)), List.copyOf(sub.listener.messages));
        await("PUBACK").atMost(MosquittoClient.WAIT).until(() -> pub.stats().acked(), equalTo(1L));
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void the_will_is_published_when_the_connection_is_dropped_without_disconnect(MqttProtocol p) {
        String status = topic(p, "status");
        MosquittoClient watcher = client("watch", p).started().subscribed(status);
        MosquittoClient camera = client(broker.port(), "cam", p,
                () -> new MqttWill(status, WireFixture.bytes("offline"), MqttQoS.AT_LEAST_ONCE, true)).started();

        camera.run(m -> m.stop(false));

        await("the Will at the watcher").atMost(MosquittoClient.WAIT).until(() -> watcher.listener.payloadsOn(status),
                equalTo(List.of("offline")));
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void the_will_is_not_published_after_a_graceful_stop(MqttProtocol p) {
        String status = topic(p, "status");
        MosquittoClient watcher = client("watch", p).started().subscribed(status);
        MosquittoClient camera = client(broker.port(), "cam", p,
                () -> new MqttWill(status, WireFixture.bytes("offline"), MqttQoS.AT_LEAST_ONCE, true)).started();

        camera.run(m -> m.stop(true));

        await("no Will for a second").during(Duration.ofSeconds(1)).atMost(MosquittoClient.WAIT)
                .until(() -> watcher.listener.payloadsOn(status), equalTo(List.of()));
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void messages_published_while_the_broker_is_down_arrive_in_order_after_it_restarts(MqttProtocol p)
            throws IOException {
        MosquittoProcess first = MosquittoProcess.start();
        ownBrokers.add(first);
        String topic = topic(p, "events");
        MosquittoClient sub = client(first.port(), "sub", p, () -> null).started().subscribed(topic);
        MosquittoClient pub = client(first.port(), "pub", p, () -> null).started();
        IntStream.range(0, 10).forEach(i -> pub.publish(topic, "e" + i, MqttQoS.AT_LEAST_ONCE, false));
        await("first ten delivered").atMost(MosquittoClient.WAIT).until(() -> sub.listener.payloadsOn(topic).size() >= 10);

        first.kill();
        await("publisher offline").atMost(MosquittoClient.WAIT).until(() -> !pub.listener.connected());
        List<PublishResult> offline = IntStream.range(10, 30)
                .mapToObj(i -> pub.publish(topic, "e" + i, MqttQoS.AT_LEAST_ONCE, false)).collect(Collectors.toList());
        // hold the publisher back until the subscriber has re-subscribed on the new, empty broker
        pub.run(m -> m.stop(false));
        ownBrokers.add(MosquittoProcess.start(first.port()));
        await("subscriber back by itself").atMost(MosquittoClient.WAIT).until(() -> sub.listener.connects() == 2
                && sub.stats().subscriptionsGranted() == 2);
        pub.run(MqttConnection::start);

        List<String> expected = IntStream.range(0, 30).mapToObj(i -> "e" + i).collect(Collectors.toList());
        await("all thirty, in order, at the subscriber").atMost(MosquittoClient.WAIT)
                .until(() -> List.copyOf(new LinkedHashSet<>(sub.listener.payloadsOn(topic))), equalTo(expected));
        assertEquals(List.of(PublishResult.QUEUED), offline.stream().distinct().collect(Collectors.toList()));
        await("queue drained").atMost(MosquittoClient.WAIT).until(() -> pub.stats().queuedNow() + pub.stats().inFlightNow(),
                equalTo(0));
        assertEquals(30, pub.stats().acked(), () -> pub.stats().toString());
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void a_retained_message_is_seen_by_a_late_subscriber(MqttProtocol p) {
        String state = topic(p, "state");
        MosquittoClient camera = client("cam", p).started();
        camera.publish(state, "{\"mode\":\"RECORDING\"}", MqttQoS.AT_LEAST_ONCE, true);
        await("PUBACK").atMost(MosquittoClient.WAIT).until(() -> camera.stats().acked(), equalTo(1L));

        MosquittoClient late = client("late", p).started().subscribed(state);

        await("the retained state").atMost(MosquittoClient.WAIT).until(() -> late.listener.payloadsOn(state),
                equalTo(List.of("{\"mode\":\"RECORDING\"}")));
    }
}
