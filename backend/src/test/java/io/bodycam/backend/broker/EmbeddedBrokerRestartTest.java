package io.bodycam.backend.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * What a broker restart leaves of the MQTT state, over real sockets: a camera-like client with a
 * persistent session subscribes and goes away, a message is queued for it and a status is retained,
 * the broker restarts, the client comes back.
 */
class EmbeddedBrokerRestartTest {

    private static final String CMD = "bwc/v1/kcpd/IPD-1/cmd";
    private static final String STATUS = "bwc/v1/kcpd/IPD-1/status";

    @Test
    void a_persistent_broker_keeps_the_session_the_queued_message_and_the_retained_status_across_a_clean_restart()
            throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().persistent(true).build()) {
            broker.start();
            queueWhileAway(broker);

            broker.restart();

            Back back = comeBack(broker);
            assertTrue(back.sessionPresent, "the broker still knows the camera's session");
            assertEquals("{\"type\":\"reboot\"}", back.queued, "the command queued while the camera was away");
            assertEquals("online", retained(broker), "the retained status");
        }
    }

    @Test
    void an_in_memory_broker_loses_them_all() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().build()) {
            broker.start();
            queueWhileAway(broker);

            broker.restart();

            Back back = comeBack(broker);
            assertEquals(false, back.sessionPresent);
            assertNull(back.queued);
            assertNull(retained(broker));
        }
    }

    @Test
    void a_persistent_broker_that_forgets_its_state_comes_back_empty_and_refuses_to_forget_while_running()
            throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().persistent(true).build()) {
            broker.start();
            queueWhileAway(broker);
            assertThrows(IllegalStateException.class, broker::forgetState);

            broker.stop();
            broker.forgetState();
            broker.start();

            Back back = comeBack(broker);
            assertEquals(false, back.sessionPresent);
            assertNull(back.queued);
            assertNull(retained(broker));
            assertTrue(broker.configXml().contains("<mode>file</mode>"), broker.configXml());
        }
    }

    /** The camera subscribes with a persistent session and leaves; the backend queues a command and a status stays retained. */
    private static void queueWhileAway(EmbeddedBroker broker) throws MqttException {
        MqttClient camera = client(broker, "IPD-1", false);
        camera.subscribe(CMD, 1);
        camera.publish(STATUS, "online".getBytes(StandardCharsets.UTF_8), 1, true);
        camera.disconnect();
        camera.close();
        MqttClient backend = client(broker, "backend", true);
        backend.publish(CMD, "{\"type\":\"reboot\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        backend.disconnect();
        backend.close();
    }

    private record Back(boolean sessionPresent, String queued) {
    }

    /** The camera reconnects without subscribing again: only a kept session brings it the queued command. */
    private static Back comeBack(EmbeddedBroker broker) throws Exception {
        BlockingQueue<String> got = new ArrayBlockingQueue<>(4);
        MqttClient camera = new MqttClient(broker.url(), "IPD-1", new MemoryPersistence());
        camera.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                got.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = options(false);
        boolean present = camera.connectWithResult(options).getSessionPresent();
        String queued = got.poll(present ? 10 : 1, TimeUnit.SECONDS);
        camera.disconnect();
        camera.close();
        return new Back(present, queued);
    }

    /** The retained status a new subscriber gets, or null when there is none. */
    private static String retained(EmbeddedBroker broker) throws Exception {
        BlockingQueue<String> got = new ArrayBlockingQueue<>(4);
        MqttClient reader = client(broker, "reader", true);
        reader.subscribe(STATUS, 1, (topic, message) -> got.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        String status = got.poll(2, TimeUnit.SECONDS);
        reader.disconnect();
        reader.close();
        return status;
    }

    private static MqttClient client(EmbeddedBroker broker, String id, boolean clean) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        c.connect(options(clean));
        return c;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setAutomaticReconnect(false);
        return o;
    }
}
