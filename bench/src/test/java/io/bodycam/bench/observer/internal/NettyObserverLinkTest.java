package io.bodycam.bench.observer.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty observer link against Debian's Mosquitto, started for each test on a free loopback port, with
 * cameras played by plain Paho clients: what it receives reaches the fleet model, its commands reach a
 * subscriber, it comes back after the broker restarts, and a flood of QoS 1 messages loses nothing.
 */
class NettyObserverLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_225_600_000L;
    private static final String AGENCY = "netty";
    private static final long WAIT_MILLIS = 10_000;

    private final ManualClock clock = new ManualClock(T0);
    private final FleetModel fleet = new FleetModel(clock);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<MqttAsyncClient> clients = new CopyOnWriteArrayList<>();
    private MosquittoProcess broker;
    private NettyObserverLink link;

    @BeforeEach
    void start_mosquitto() throws Exception {
        Assumptions.assumeTrue(MosquittoProcess.findBinary().isPresent(),
                "mosquitto is not installed (apt-get install -y mosquitto)");
        broker = MosquittoProcess.start();
        MessageHandler handler = new MessageHandler(fleet, new CommandBook(timer));
        link = new NettyObserverLink(broker.url(), Subscriptions.of(handler, AGENCY, null), timer, handler, fleet);
    }

    @AfterEach
    void stop_everything() throws MqttException {
        if (link != null) {
            link.close();
        }
        for (MqttAsyncClient c : clients) {
            if (c.isConnected()) {
                c.disconnect(0).waitForCompletion(WAIT_MILLIS);
            }
            c.close(true);
        }
        if (broker != null) {
            broker.close();
        }
        timer.shutdownNow();
    }

    @Test
    void hands_qos_0_and_1_messages_to_the_handler_with_their_retained_flag() throws Exception {
        MqttAsyncClient camera = client("NET-01");
        // what a camera's earlier connection left behind
        publish(camera, "NET-01", TopicKind.STATUS, 7, true, Map.of("status", "online", "firmware", "4.12.3"));

        link.open();
        assertTrue(link.isConnected(), "connected once open() returned");
        await().until(() -> fleet.onlineCount() == 1);
        assertEquals(0, fleet.latency(TopicKind.STATUS).getTotalCount(), "a retained status measures no latency");

        publish(camera, "NET-01", TopicKind.STATUS, 0, false, Map.of("status", "online", "firmware", "4.12.4"));
        publish(camera, "NET-01", TopicKind.GPS, 0, false, Map.of("fix", "3d", "lat", 39.09, "lon", -94.41, "alt", 270.0,
                "speed", 1.2, "heading", 90.0, "hdop", 0.9, "satellites", 9));
        publish(camera, "NET-01", TopicKind.EVENTS, 0, false, Map.of("type", "docked"));

        await().until(() -> stats().received(TopicKind.EVENTS) == 1 && stats().received(TopicKind.GPS) == 1);
        FleetStats stats = stats();
        assertEquals(2, stats.received(TopicKind.STATUS), "status messages, the retained one included");
        assertEquals(1, fleet.latency(TopicKind.STATUS).getTotalCount(), "the live status measures its latency");
        DeviceView camera01 = fleet.device("NET-01").orElseThrow();
        assertEquals("4.12.4", camera01.firmware().orElse(null), "firmware of the latest status");
        assertEquals(39.09, camera01.gps().orElseThrow().lat(), "latitude of the QoS 0 fix");
        assertEquals(1, stats.events("docked"), "docked events");
        assertTrue(link.settle(Duration.ofSeconds(5)), "settled");
        assertTrue(link.busyNanos() > 0, "busy time counted");
    }

    @Test
    void a_command_reaches_the_camera_that_subscribes_to_it() throws Exception {
        String topic = "bwc/v1/" + AGENCY + "/NET-02/cmd";
        CompletableFuture<byte[]> delivered = new CompletableFuture<>();
        MqttAsyncClient camera = client("NET-02");
        camera.subscribe(topic, 1, null, null, (t, m) -> delivered.complete(m.getPayload())).waitForCompletion(WAIT_MILLIS);
        link.open();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        byte[] command = "{\"id\":\"c-1\",\"type\":\"locate\",\"params\":{}}".getBytes(StandardCharsets.UTF_8);

        link.publish(topic, command, failures::add);

        await().until(delivered::isDone);
        assertArrayEquals(command, delivered.get());
        assertEquals(List.of(), failures, "failures");
    }

    @Test
    void reconnects_and_subscribes_again_after_the_broker_restarts() throws Exception {
        link.open();
        MqttAsyncClient before = client("NET-03");
        publish(before, "NET-03", TopicKind.EVENTS, 0, false, Map.of("type", "boot"));
        await().until(() -> stats().events("boot") == 1);

        broker.kill();
        await().until(() -> !link.isConnected());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        link.publish("bwc/v1/" + AGENCY + "/NET-03/cmd", new byte[] {'{', '}'}, failures::add);
        assertEquals(1, failures.size(), "a command while the broker is away fails at once: " + failures);
        broker.startAgain();

        await().atMost(Duration.ofSeconds(20)).until(() -> link.reconnects() == 1 && link.isConnected());
        MqttAsyncClient after = client("NET-03");
        publish(after, "NET-03", TopicKind.EVENTS, 3, false, Map.of("type", "docked"));
        await().until(() -> stats().events("docked") == 1);
        assertEquals(2, fleet.device("NET-03").orElseThrow().seq(TopicKind.EVENTS).unobserved(),
                "seq 1 and 2 fell while the observer was away: unobserved, not missing");
        assertEquals(0, stats().qos1Missing(), "missing");
    }

    @Test
    void a_flood_of_qos_1_messages_arrives_whole() throws Exception {
        int cameras = 4;
        int each = 2_000;
        link.open();
        List<MqttAsyncClient> fleetClients = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            fleetClients.add(client("FLD-" + i));
        }
        for (int seq = 0; seq < each; seq++) {
            for (int i = 0; i < cameras; i++) {
                fleetClients.get(i).publish(topic("FLD-" + i, TopicKind.EVENTS),
                        json("FLD-" + i, seq, Map.of("type", "segment.closed", "bytes", 1024)), 1, false);
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> stats().received(TopicKind.EVENTS) == (long) cameras * each);
        FleetStats stats = stats();
        assertEquals(0, stats.qos1Missing(), "missing");
        assertEquals(0, stats.duplicates(), "duplicates");
        assertEquals((long) cameras * each, stats.events("segment.closed"), "events counted");
        assertFalse(link.reconnects() > 0, "no reconnection on the way");
    }

    @Test
    void an_observer_of_some_cameras_gets_only_their_messages_from_the_broker_over_several_subscribes() throws Exception {
        // 300 cameras × 5 topics: two SUBSCRIBE packets; the handler would take anyone's, so the broker did the sorting
        Set<String> own = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            own.add(String.format("OWN-%03d", i));
        }
        MessageHandler everyone = new MessageHandler(fleet, new CommandBook(timer));
        link.close();
        link = new NettyObserverLink(broker.url(), Subscriptions.of(everyone, AGENCY, own), timer, everyone, fleet);
        assertEquals(2, Subscriptions.of(everyone, AGENCY, own).batches().size(), "SUBSCRIBE packets");
        link.open();
        MqttAsyncClient first = client("OWN-000");
        MqttAsyncClient last = client("OWN-299");
        MqttAsyncClient stranger = client("OTHER-1");

        publish(stranger, "OTHER-1", TopicKind.EVENTS, 0, false, Map.of("type", "boot"));
        publish(first, "OWN-000", TopicKind.EVENTS, 0, false, Map.of("type", "boot"));
        publish(last, "OWN-299", TopicKind.EVENTS, 0, false, Map.of("type", "boot"));

        await().until(() -> stats().events("boot") == 2);
        assertTrue(fleet.device("OWN-000").isPresent() && fleet.device("OWN-299").isPresent(), "its own cameras, in both batches");
        assertFalse(fleet.device("OTHER-1").isPresent(), "the broker sent it another camera's message");
    }

    private FleetStats stats() {
        return fleet.stats(0, link.reconnects());
    }

    /** A camera's plain Paho client, connected, with room for a flood of QoS 1 messages in flight. */
    private MqttAsyncClient client(String deviceId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), deviceId + "-" + clients.size(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(10_000);
        c.connect(options).waitForCompletion(WAIT_MILLIS);
        clients.add(c);
        return c;
    }

    private static void publish(MqttAsyncClient c, String deviceId, TopicKind kind, long seq, boolean retained,
            Map<String, Object> fields) throws Exception {
        c.publish(topic(deviceId, kind), json(deviceId, seq, fields), kind.qos(), retained).waitForCompletion(WAIT_MILLIS);
    }

    private static String topic(String deviceId, TopicKind kind) {
        return "bwc/v1/" + AGENCY + "/" + deviceId + "/" + kind.suffix();
    }

    private static byte[] json(String deviceId, long seq, Map<String, Object> fields) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", 1);
        m.put("deviceId", deviceId);
        m.put("seq", seq);
        m.put("ts", T0);
        m.putAll(fields);
        return JSON.writeValueAsBytes(m);
    }
}
