package io.bodycam.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.time.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TelemetryLink} for unit tests on a manual clock: "connects" one tick after {@code start},
 * keeps every published message (QoS 1 ones while down too, as the real link stores and forwards),
 * and lets the test deliver commands.
 */
public final class RecordingTelemetry implements TelemetryLink {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published message, decoded. */
    public record Sent(Topic topic, JsonNode json) {
    }

    private final Scheduler scheduler;
    private final TelemetryHandler handler;
    private final List<Sent> sent = new ArrayList<>();
    private boolean connected;
    private boolean running;
    private byte[] lastWill;
    private int gracefulStops;
    private int abruptStops;

    public RecordingTelemetry(Scheduler scheduler, TelemetryHandler handler) {
        this.scheduler = scheduler;
        this.handler = handler;
    }

    @Override
    public void start() {
        running = true;
        scheduler.schedule(1, () -> {
            if (running && !connected) {
                lastWill = handler.willPayload();
                connected = true;
                handler.linkUp();
            }
        });
    }

    @Override
    public void stop(boolean graceful) {
        running = false;
        connected = false;
        if (graceful) {
            gracefulStops++;
        } else {
            abruptStops++;
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void publish(Topic topic, byte[] payload) {
        if (topic.qos() == 0 && !connected) {
            return;
        }
        try {
            sent.add(new Sent(topic, JSON.readTree(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException("camera published invalid JSON", e);
        }
    }

    /** Delivers a command as if it arrived on the camera's {@code cmd} topic. */
    public void deliverCommand(String json) {
        handler.command(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void deliverCommand(byte[] raw) {
        handler.command(raw);
    }

    public List<Sent> sent() {
        return sent;
    }

    public List<JsonNode> on(Topic topic) {
        return sent.stream().filter(s -> s.topic() == topic).map(Sent::json).toList();
    }

    /** Events of one type, in order. */
    public List<JsonNode> events(String type) {
        return on(Topic.EVENTS).stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    public JsonNode lastState() {
        List<JsonNode> states = on(Topic.STATE);
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    public byte[] lastWill() {
        return lastWill;
    }

    public int gracefulStops() {
        return gracefulStops;
    }

    public int abruptStops() {
        return abruptStops;
    }
}
