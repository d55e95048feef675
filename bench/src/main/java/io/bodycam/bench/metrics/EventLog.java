package io.bodycam.bench.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.event.CameraEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The run record's {@code events.jsonl}: every camera event, one JSON object a line, written by its
 * own thread so that no event loop ever waits for the disk. Nothing is dropped: the queue is
 * unbounded and {@link #close()} drains it.
 *
 * <p>Each line: {@code t} (virtual epoch ms), {@code time} (the same, ISO-8601), {@code wallMs} (wall
 * milliseconds since the run's timeline began, {@link #timelineStarts}: after the wait for a shared start, so the
 * shards' logs share one origin; not in simulated mode), {@code deviceId}, then {@code type} and the event's own fields
 * as {@link CameraEvent#writeJson} writes them (the same as on the camera's {@code events} topic).
 */
public final class EventLog implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private record Item(CameraEvent event, long wallNanos) {
    }

    private final QueuedLines<Item> lines;
    /** The origin of {@code wallMs}: when the log opened, then when the timeline began. */
    private volatile long startNanos = System.nanoTime();
    private final boolean wallTime;

    public EventLog(Path file) throws IOException {
        this(file, true);
    }

    /**
     * As above; without {@code wallTime} the lines carry no {@code wallMs} (simulated mode has no wall time, and its
     * log is then the same bytes on every run of a seed).
     */
    public EventLog(Path file, boolean wallTime) throws IOException {
        this.wallTime = wallTime;
        this.lines = new QueuedLines<>(file, "bodycam-event-log", 0, this::line);
    }

    /** The run's timeline begins now: {@code wallMs} counts from here. */
    public void timelineStarts() {
        startNanos = System.nanoTime();
    }

    /** Queues an event; safe from any thread, never blocks. */
    public void onEvent(CameraEvent e) {
        lines.add(new Item(e, System.nanoTime()));
    }

    private String line(Item item) throws IOException {
        CameraEvent e = item.event();
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeNumberField("t", e.time());
            g.writeStringField("time", Instant.ofEpochMilli(e.time()).toString());
            if (wallTime) {
                g.writeNumberField("wallMs", (item.wallNanos() - startNanos) / 1_000_000);
            }
            g.writeStringField("deviceId", e.deviceId());
            e.writeJson(g);
            g.writeEndObject();
        }
        return line.toString();
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        lines.close();
    }
}
