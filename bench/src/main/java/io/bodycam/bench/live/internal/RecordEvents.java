package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.live.EventLine;
import io.bodycam.sim.state.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run record's {@code events.jsonl} and {@code gps.jsonl} into one {@link CameraTimeline} per
 * camera, notes the faults cameras reported, and keeps a sample of the events' two clocks for the
 * {@link VirtualAxis}. Lines are read with a streaming parser: a fleet's record runs to millions.
 */
public final class RecordEvents {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> ENVELOPE = Set.of("t", "time", "wallMs", "deviceId", "type");
    private static final int CLOCK_SAMPLES = 4096;

    private final Map<String, CameraTimeline> timelines;
    private final FaultWindows faults;
    private long[] sampleT = new long[CLOCK_SAMPLES];
    private long[] sampleWall = new long[CLOCK_SAMPLES];
    private long seen;
    private long lastT = Long.MIN_VALUE;

    private RecordEvents(Map<String, CameraTimeline> timelines, FaultWindows faults) {
        this.timelines = timelines;
        this.faults = faults;
    }

    /**
     * Reads both files for the cameras of {@code timelines} (others are skipped), adding camera faults to
     * {@code faults}, and seals every timeline.
     */
    public static RecordEvents read(Path runDir, Map<String, CameraTimeline> timelines, FaultWindows faults) throws IOException {
        RecordEvents r = new RecordEvents(timelines, faults);
        JsonLineFile.scan(runDir.resolve("events.jsonl"), r::event);
        JsonLineFile.scan(runDir.resolve("gps.jsonl"), r::gps);
        timelines.values().forEach(CameraTimeline::seal);
        int n = (int) Math.min(r.seen, CLOCK_SAMPLES);
        r.sampleT = Arrays.copyOf(r.sampleT, n);
        r.sampleWall = Arrays.copyOf(r.sampleWall, n);
        return r;
    }

    /** Virtual epoch times of a sample of events, for {@link VirtualAxis#of}. */
    public long[] sampleT() {
        return sampleT;
    }

    /** The same events' wall milliseconds. */
    public long[] sampleWall() {
        return sampleWall;
    }

    /** The latest event time, or {@code Long.MIN_VALUE} with no events. */
    public long lastT() {
        return lastT;
    }

    /** One line of {@code events.jsonl} back as the camera's event (for a camera's detail). */
    public static EventLine parse(String line) throws IOException {
        JsonNode n = LiveJson.JSON.readTree(line);
        Map<String, Object> fields = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (!ENVELOPE.contains(e.getKey())) {
                fields.put(e.getKey(), LiveJson.JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return new EventLine(n.path("deviceId").asText(), n.path("t").asLong(), n.path("type").asText(), fields);
    }

    /** Reads the lines at {@code offsets} of the record's {@code events.jsonl}. */
    public static List<EventLine> events(Path runDir, long[] offsets) throws IOException {
        List<EventLine> list = new ArrayList<>(offsets.length);
        for (String line : JsonLineFile.read(runDir.resolve("events.jsonl"), offsets)) {
            list.add(parse(line));
        }
        return list;
    }

    private void event(long offset, String line) {
        String device = null;
        String type = null;
        String to = null;
        long t = Long.MIN_VALUE;
        long wall = -1;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "t" -> t = p.getLongValue();
                    case "wallMs" -> wall = p.getLongValue();
                    case "deviceId" -> device = p.getText();
                    case "type" -> type = p.getText();
                    case "to" -> to = p.getText();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        CameraTimeline timeline = device == null ? null : timelines.get(device);
        if (timeline == null || type == null || t == Long.MIN_VALUE) {
            return;
        }
        lastT = Math.max(lastT, t);
        sample(t, wall);
        EventKind kind = EventKind.of(type);
        int arg = 0;
        if (kind == EventKind.MODE) {
            try {
                arg = Mode.valueOf(String.valueOf(to)).ordinal();
            } catch (IllegalArgumentException e) {
                kind = EventKind.OTHER;
            }
        } else if (kind == EventKind.FAULT) {
            fault(device, type, t, line);
        }
        timeline.event(t, offset, kind, arg);
    }

    /** Keeps a reservoir-free, evenly thinned sample: every k-th event once the buffer is full. */
    private void sample(long t, long wall) {
        if (wall < 0) {
            return;
        }
        long k = seen++;
        if (k < CLOCK_SAMPLES) {
            sampleT[(int) k] = t;
            sampleWall[(int) k] = wall;
        } else if (k % 16 == 0) {
            int slot = (int) ((k / 16) % CLOCK_SAMPLES);
            sampleT[slot] = t;
            sampleWall[slot] = wall;
        }
    }

    private void fault(String device, String type, long t, String line) {
        EventLine e;
        try {
            e = parse(line);
        } catch (IOException x) {
            return;
        }
        Map<String, Object> f = e.fields();
        long length = switch (type) {
            case "lte.outage" -> number(f.get("millis"));
            case "fault.gpsLoss" -> number(f.get("durationMs"));
            case "fault.storageFilled" -> Long.MAX_VALUE / 4;
            default -> 0;
        };
        if (type.equals("fault.storageReleased")) {
            faults.end("fault.storageFilled", device, t);
            return;
        }
        StringBuilder detail = new StringBuilder();
        f.forEach((k, v) -> detail.append(detail.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        faults.camera(type, device, detail.toString(), t, length);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private void gps(long offset, String line) {
        String device = null;
        long t = Long.MIN_VALUE;
        double lat = Double.NaN;
        double lon = Double.NaN;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "deviceId" -> device = p.getText();
                    case "t" -> t = p.getLongValue();
                    case "lat" -> lat = p.getDoubleValue();
                    case "lon" -> lon = p.getDoubleValue();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        CameraTimeline timeline = device == null ? null : timelines.get(device);
        if (timeline != null && t != Long.MIN_VALUE && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
            timeline.fix(t, lat, lon);
        }
    }
}
