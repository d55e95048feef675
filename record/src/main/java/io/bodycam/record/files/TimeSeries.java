package io.bodycam.record.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record's {@code timeseries.jsonl}, one {@link Tick} a line: read back in order, or written a look
 * at a time while the run goes on ({@link Writer}). The format is documented in {@code record/README.md}.
 */
public final class TimeSeries {

    private static final String WALL_MS = "wallMs";
    private static final String VIRTUAL_MS = "virtualMs";
    private static final String INTERVAL_MS = "intervalMs";
    private static final String ONLINE = "online";
    private static final String RECORDING = "recording";
    private static final String UPLOADING = "uploading";
    private static final String MODES = "modes";
    private static final String MQTT = "mqtt";
    private static final String UPLOAD = "upload";
    private static final String BYTES = "bytes";
    private static final String COMPLETED = "completed";
    private static final String FAILED = "failed";
    private static final String TOTALS = "totals";

    private TimeSeries() {
    }

    public static List<Tick> read(Path file) {
        List<Tick> ticks = new ArrayList<>();
        JsonLinesReader.read(file, n -> ticks.add(tick(n)));
        return ticks;
    }

    private static Tick tick(JsonNode n) {
        Map<String, Integer> modes = new LinkedHashMap<>();
        n.path(MODES).properties().forEach(e -> modes.put(e.getKey(), e.getValue().asInt()));
        JsonNode upload = n.path(UPLOAD);
        return new Tick(n.path(WALL_MS).asLong(), n.path(VIRTUAL_MS).asLong(), n.path(INTERVAL_MS).asLong(),
                n.path(ONLINE).asInt(), n.path(RECORDING).asInt(), n.path(UPLOADING).asInt(), modes,
                longs(n.path(MQTT)), upload.path(BYTES).asLong(), upload.path(COMPLETED).asLong(),
                upload.path(FAILED).asLong(), longs(n.path(TOTALS)));
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    /** Writes the time series a line per look, each line flushed so a killed run leaves every look but the last. */
    public static final class Writer implements AutoCloseable {
        private final JsonLinesWriter out;

        public Writer(Path file) throws IOException {
            this.out = new JsonLinesWriter(file);
        }

        public void write(Tick t) throws IOException {
            out.line(g -> {
                g.writeNumberField(WALL_MS, t.wallMs());
                g.writeNumberField(VIRTUAL_MS, t.virtualMs());
                g.writeNumberField(INTERVAL_MS, t.intervalMs());
                g.writeNumberField(ONLINE, t.online());
                g.writeNumberField(RECORDING, t.recording());
                g.writeNumberField(UPLOADING, t.uploading());
                object(g, MODES, t.modes());
                object(g, MQTT, t.mqtt());
                g.writeObjectFieldStart(UPLOAD);
                g.writeNumberField(BYTES, t.uploadBytes());
                g.writeNumberField(COMPLETED, t.uploadsCompleted());
                g.writeNumberField(FAILED, t.uploadsFailed());
                g.writeEndObject();
                object(g, TOTALS, t.totals());
            });
            out.flush();
        }

        private static void object(JsonGenerator g, String name, Map<String, ? extends Number> values) throws IOException {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue().longValue());
            }
            g.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
