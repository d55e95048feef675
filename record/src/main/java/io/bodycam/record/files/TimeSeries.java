package io.bodycam.record.files;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The record's {@code timeseries.jsonl}, read back in order. */
public final class TimeSeries {

    private TimeSeries() {
    }

    public static List<Tick> read(Path file) {
        List<Tick> ticks = new ArrayList<>();
        JsonLinesReader.read(file, n -> ticks.add(tick(n)));
        return ticks;
    }

    private static Tick tick(JsonNode n) {
        Map<String, Integer> modes = new LinkedHashMap<>();
        n.path("modes").properties().forEach(e -> modes.put(e.getKey(), e.getValue().asInt()));
        JsonNode upload = n.path("upload");
        return new Tick(n.path("wallMs").asLong(), n.path("virtualMs").asLong(), n.path("intervalMs").asLong(),
                n.path("online").asInt(), n.path("recording").asInt(), n.path("uploading").asInt(), modes,
                longs(n.path("mqtt")), upload.path("bytes").asLong(), upload.path("completed").asLong(),
                upload.path("failed").asLong(), longs(n.path("totals")));
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }
}
