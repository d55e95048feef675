package io.bodycam.sim.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Last Will the broker publishes when a camera drops off without DISCONNECT (MQTT 3.1.1 section
 * 3.1.2.5; MQTT 5 section 3.1.2.5). The contract puts {@code offline} on {@code status} this way.
 *
 * @param topic   where the broker publishes it; no wildcards
 * @param payload the message; copied on the way in and out
 * @param qos     0, 1 or 2
 * @param retain  whether the broker retains it
 */
public record MqttWill(String topic, byte[] payload, MqttQoS qos, boolean retain) {

    public MqttWill {
        Topics.requireTopicName(topic, "will topic");
        Objects.requireNonNull(payload, "will payload");
        Objects.requireNonNull(qos, "will qos");
        if (qos == MqttQoS.FAILURE) {
            throw new IllegalArgumentException("will qos must be 0, 1 or 2, was " + qos);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttWill w && topic.equals(w.topic) && Arrays.equals(payload, w.payload)
                && qos == w.qos && retain == w.retain;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain);
    }

    @Override
    public String toString() {
        return "MqttWill[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos.value() + ", retain=" + retain + "]";
    }
}
