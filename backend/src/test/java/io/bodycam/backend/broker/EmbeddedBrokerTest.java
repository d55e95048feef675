package io.bodycam.backend.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerTest {

    private EmbeddedBroker broker;

    @BeforeAll
    void start_broker() {
        broker = EmbeddedBroker.builder().build();
        broker.start();
    }

    @AfterAll
    void close_broker() {
        broker.close();
    }

    @Test
    void listens_on_loopback_only() throws IOException {
        String config = broker.configXml();
        for (String expected : List.of("<bind-address>127.0.0.1</bind-address>", "<port>" + broker.port() + "</port>",
                "<anonymous-usage-statistics>\n        <enabled>false</enabled>")) {
            assertTrue(config.contains(expected), "config.xml lacks " + expected + ":\n" + config);
        }
        Path tcp = Path.of("/proc/net/tcp");
        if (Files.isReadable(tcp)) {
            String port = String.format(Locale.ROOT, "%04X", broker.port());
            List<String> listening = listeners(tcp, port);
            listening.addAll(listeners(Path.of("/proc/net/tcp6"), port));
            List<String> loopback = List.of("0100007F:" + port, "0000000000000000FFFF00000100007F:" + port);
            assertFalse(listening.isEmpty(), "nothing listens on port " + broker.port() + " in /proc/net/tcp{,6}");
            assertTrue(loopback.containsAll(listening), "sockets listening on port " + broker.port()
                    + " (hex " + port + "), 127.0.0.1 or ::ffff:127.0.0.1 expected: " + listening);
        }
    }

    @Test
    void accepts_an_mqtt_3_1_1_client_and_routes_its_messages() throws Exception {
        MqttClient client = new MqttClient(broker.url(), "v311-client", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        try {
            client.connect(options);
            client.subscribe("test/v311", 1, (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("test/v311", "hello 3.1.1".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("hello 3.1.1", received.poll(5, TimeUnit.SECONDS));
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void accepts_an_mqtt_5_client_and_forwards_user_properties() throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(broker.url(), "v5-client",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(1);
        try {
            client.connect(new MqttConnectionOptions());
            client.subscribe(new MqttSubscription[] {new MqttSubscription("test/v5", 1)},
                    new IMqttMessageListener[] {(topic, message) -> received.add(message)});
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(List.of(new UserProperty("device", "IPD-0001")));
            client.publish("test/v5", new MqttMessage("hello 5".getBytes(StandardCharsets.UTF_8), 1, false, properties));

            MqttMessage message = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(message, "no message came back");
            assertEquals("hello 5", new String(message.getPayload(), StandardCharsets.UTF_8));
            assertEquals(List.of(new UserProperty("device", "IPD-0001")), message.getProperties().getUserProperties(),
                    "MQTT 5 user properties (a v5-only feature) after the round trip");
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void restart_keeps_the_port_and_loses_sessions() throws Exception {
        int port = broker.port();
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "persistent-client", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        try {
            client.connect(options).waitForCompletion(5_000);
            client.subscribe("test/persistent", 1).waitForCompletion(5_000);
            client.disconnect().waitForCompletion(5_000);
            IMqttToken resumed = client.connect(options);
            resumed.waitForCompletion(5_000);
            assertTrue(resumed.getSessionPresent(), "session present before the restart");
            client.disconnect().waitForCompletion(5_000);

            broker.restart();

            assertEquals(port, broker.port(), "port after restart");
            IMqttToken afterRestart = client.connect(options);
            afterRestart.waitForCompletion(5_000);
            assertFalse(afterRestart.getSessionPresent(), "session present after the restart");
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    @Test
    void stop_drops_clients_and_start_serves_them_again() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "stop-start-client", new MemoryPersistence());
        try {
            client.connect().waitForCompletion(5_000);
            broker.stop();
            assertFalse(broker.isRunning());
            await("client notices the stopped broker").atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
            broker.start();
            client.connect().waitForCompletion(5_000);
            assertTrue(client.isConnected(), "connected after start");
        } finally {
            broker.start();
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    @Test
    void a_port_already_taken_fails_the_start_with_the_address() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                EmbeddedBroker second = EmbeddedBroker.builder().port(taken.getLocalPort()).build()) {
            BrokerStartException e = assertThrows(BrokerStartException.class, second::start);
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertFalse(second.isRunning(), "running after a failed start");
        }
    }

    @Test
    void close_deletes_the_temporary_folders() {
        EmbeddedBroker unstarted = EmbeddedBroker.builder().build();
        Path folder = unstarted.folder();
        assertTrue(Files.isDirectory(folder.resolve("conf")), "conf folder exists before close");
        unstarted.close();
        assertFalse(Files.exists(folder), folder + " exists after close");
    }

    @Test
    void builder_names_the_field_it_rejects() {
        assertEquals("port must be 0..65535 (0 = a free port), was 70000",
                assertThrows(IllegalArgumentException.class, () -> EmbeddedBroker.builder().port(70_000)).getMessage());
        assertEquals("max queued messages must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> EmbeddedBroker.builder().maxQueuedMessages(0)).getMessage());
    }

    private static List<String> listeners(Path procNetTcp, String portHex) throws IOException {
        if (!Files.isReadable(procNetTcp)) {
            return new java.util.ArrayList<>();
        }
        return Files.readAllLines(procNetTcp).stream().skip(1)
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(f -> f[1].endsWith(":" + portHex) && f[3].equals("0A"))
                .map(f -> f[1])
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }
}
