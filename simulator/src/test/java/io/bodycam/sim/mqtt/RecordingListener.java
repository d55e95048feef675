package io.bodycam.sim.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** Records what a connection reports; safe to read from the test thread while an event loop writes. */
final class RecordingListener implements MqttListener {

    record Received(String topic, String payload, MqttQoS qos, boolean duplicate) {
    }

    final Queue<String> events = new ConcurrentLinkedQueue<>();
    final Queue<Received> messages = new ConcurrentLinkedQueue<>();
    private volatile boolean connected;
    /** Makes {@link #onMessage} throw after recording, as a buggy camera would. */
    volatile boolean failOnMessage;

    @Override
    public void onConnected(boolean sessionPresent) {
        connected = true;
        events.add("connected sessionPresent=" + sessionPresent);
    }

    @Override
    public void onDisconnected(String reason) {
        connected = false;
        events.add("disconnected: " + reason);
    }

    @Override
    public void onMessage(String topic, byte[] payload, MqttQoS qos, boolean duplicate) {
        messages.add(new Received(topic, new String(payload, StandardCharsets.UTF_8), qos, duplicate));
        if (failOnMessage) {
            throw new IllegalStateException("camera bug");
        }
    }

    boolean connected() {
        return connected;
    }

    long connects() {
        return events.stream().filter(e -> e.startsWith("connected")).count();
    }

    List<String> payloadsOn(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).map(Received::payload).collect(Collectors.toList());
    }
}
