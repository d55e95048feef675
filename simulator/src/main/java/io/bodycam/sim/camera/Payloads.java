package io.bodycam.sim.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.sim.link.Topic;

/**
 * Builds a camera's JSON payloads with the fields every message carries (docs/contract/README.md,
 * "Common rules"): {@code schema}, {@code deviceId}, a per-topic {@code seq} and the device's clock
 * {@code ts}.
 */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int SCHEMA = 1;

    private final String deviceId;
    private final long[] seq = new long[Topic.values().length];

    Payloads(String deviceId) {
        this.deviceId = deviceId;
    }

    /** A new message for {@code topic}, taking the topic's next {@code seq}. */
    ObjectNode message(Topic topic, long deviceTime) {
        return message(topic, deviceTime, seq[topic.ordinal()]++);
    }

    /** A new message for {@code topic} with a {@code seq} reserved earlier by {@link #reserve}. */
    ObjectNode message(Topic topic, long deviceTime, long reservedSeq) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("deviceId", deviceId);
        n.put("seq", reservedSeq);
        n.put("ts", deviceTime);
        return n;
    }

    /** Takes the next {@code count} seq numbers of a topic and returns the first. */
    long reserve(Topic topic, int count) {
        long first = seq[topic.ordinal()];
        seq[topic.ordinal()] += count;
        return first;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
