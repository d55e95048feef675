package io.bodycam.bench.observer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.time.SimClock;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A camera played by a plain Paho client, publishing what the contract says (topics, QoS, retain,
 * {@code schema}/{@code deviceId}/{@code seq}/{@code ts}), with a Last Will and optional command answers.
 * Methods that take an explicit seq let a test make gaps and repeats.
 */
final class FakeDevice implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 5_000;

    private final String agency;
    private final String deviceId;
    private final SimClock clock;
    private final MqttAsyncClient client;
    private final Map<TopicKind, Long> seq = new EnumMap<>(TopicKind.class);

    FakeDevice(String brokerUrl, String agency, String deviceId, SimClock clock) throws MqttException {
        this.agency = agency;
        this.deviceId = deviceId;
        this.clock = clock;
        this.client = new MqttAsyncClient(brokerUrl, deviceId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setMaxInflight(5_000);
        // the Will stands outside the status sequence: it repeats the seq the next status will carry
        options.setWill(topic(TopicKind.STATUS), json(TopicKind.STATUS, 0, clock.now(),
                Map.of("status", "offline", "reason", "connection lost")), 1, true);
        client.connect(options).waitForCompletion(WAIT_MILLIS);
    }

    String id() {
        return deviceId;
    }

    void online() throws MqttException {
        publish(TopicKind.STATUS, Map.of("status", "online", "firmware", "4.12.3"));
    }

    void offline(String reason) throws MqttException {
        publish(TopicKind.STATUS, Map.of("status", "offline", "reason", reason));
    }

    void publish(TopicKind kind, Map<String, Object> fields) throws MqttException {
        publish(kind, nextSeq(kind), clock.now(), fields);
    }

    /** Publishes with the contract's QoS and retain flag, a chosen seq and ts, and waits for the broker. */
    void publish(TopicKind kind, long seq, long ts, Map<String, Object> fields) throws MqttException {
        boolean retained = kind == TopicKind.STATUS || kind == TopicKind.STATE;
        client.publish(topic(kind), json(kind, seq, ts, fields), kind.qos(), retained).waitForCompletion(WAIT_MILLIS);
    }

    /** Publishes {@code fields} with the next seq without waiting for the broker (for bursts). */
    void publishAsync(TopicKind kind, Map<String, Object> fields) throws MqttException {
        client.publish(topic(kind), json(kind, nextSeq(kind), clock.now(), fields), kind.qos(), false);
    }

    void publishRaw(TopicKind kind, String payload) throws MqttException {
        client.publish(topic(kind), payload.getBytes(StandardCharsets.UTF_8), kind.qos(), false).waitForCompletion(WAIT_MILLIS);
    }

    /**
     * Answers every command on {@code cmd} with what {@code answer} makes of it ({@code ok},
     * {@code error}); a payload that is not JSON gets {@code ok:false} and {@code id:null}.
     */
    void answerCommands(Function<JsonNode, Map<String, Object>> answer) throws MqttException {
        client.subscribe("bwc/v1/" + agency + "/" + deviceId + "/cmd", 1, null, null, (topic, message) -> {
            Map<String, Object> ack = new LinkedHashMap<>();
            JsonNode command;
            try {
                command = JSON.readTree(message.getPayload());
            } catch (java.io.IOException e) {
                command = null;
            }
            if (command == null || !command.isObject()) {
                ack.put("id", null);
                ack.put("ok", false);
                ack.put("error", "payload is not a JSON object");
            } else {
                ack.put("id", command.path("id").isTextual() ? command.path("id").textValue() : null);
                ack.putAll(answer.apply(command));
            }
            client.publish(topic(TopicKind.ACK), json(TopicKind.ACK, nextSeq(TopicKind.ACK), clock.now(), ack), 1, false);
        }).waitForCompletion(WAIT_MILLIS);
    }

    /** Drops the TCP connection without DISCONNECT, so the broker publishes the Will (MQTT 3.1.1 section 3.1.2.5). */
    void dropConnection() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(WAIT_MILLIS);
        }
        client.close(true);
    }

    private synchronized long nextSeq(TopicKind kind) {
        long s = seq.getOrDefault(kind, 0L);
        seq.put(kind, s + 1);
        return s;
    }

    private String topic(TopicKind kind) {
        return "bwc/v1/" + agency + "/" + deviceId + "/" + kind.suffix();
    }

    private byte[] json(TopicKind kind, long seq, long ts, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", 1);
        m.put("deviceId", deviceId);
        m.put("seq", seq);
        m.put("ts", ts);
        m.putAll(fields);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + kind + " payload " + m, e);
        }
    }
}
