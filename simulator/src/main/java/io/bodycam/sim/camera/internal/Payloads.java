package io.bodycam.sim.camera.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.link.Topic;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a camera's JSON payloads with the fields every message carries (docs/contract/README.md,
 * "Common rules"): {@code schema}, {@code deviceId}, a per-topic {@code seq} and the device's clock
 * {@code ts}. Payloads are streamed into a buffer reused per thread, so a report costs little more
 * garbage than its own bytes (at 10,000 cameras, allocation sets the pace of GC pauses).
 */
public final class Payloads {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final int SCHEMA = 1;

    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(1024));

    /** Writes the topic-specific fields of a message. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private final String deviceId;
    private final long[] seq = new long[Topic.values().length];

    public Payloads(String deviceId) {
        this.deviceId = deviceId;
    }

    /** A message for {@code topic}, taking the topic's next {@code seq}. */
    public byte[] message(Topic topic, long deviceTime, Body body) {
        return message(deviceTime, seq[topic.ordinal()]++, body);
    }

    /** A message with a {@code seq} reserved earlier by {@link #reserve}. */
    public byte[] message(long deviceTime, long reservedSeq, Body body) {
        ByteArrayBuilder buffer = BUFFER.get();
        buffer.reset();
        try (JsonGenerator g = JSON.getFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("deviceId", deviceId);
            g.writeNumberField("seq", reservedSeq);
            g.writeNumberField("ts", deviceTime);
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return buffer.toByteArray();
    }

    /** Takes the next {@code count} seq numbers of a topic and returns the first. */
    public long reserve(Topic topic, int count) {
        long first = seq[topic.ordinal()];
        seq[topic.ordinal()] += count;
        return first;
    }

    /** One decimal place, as reports show battery, speed and the like. */
    public static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
