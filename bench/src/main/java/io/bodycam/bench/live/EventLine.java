package io.bodycam.bench.live;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.event.CameraEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One camera event as the dashboard lists it: its time, its wire type and its fields as JSON values,
 * the same whether it comes from a live camera ({@link #of}) or a line of a record's
 * {@code events.jsonl}.
 *
 * @param time virtual epoch ms
 */
public record EventLine(String deviceId, long time, String type, Map<String, Object> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    public EventLine {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A live camera's event, its fields written by the event's own JSON mapping. */
    public static EventLine of(CameraEvent e) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            e.writeFields(g);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write the fields of " + e.type(), x);
        }
        try {
            return new EventLine(e.deviceId(), e.time(), e.type(), JSON.readValue(out.toString(), MAP));
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read back the fields of " + e.type(), x);
        }
    }
}
