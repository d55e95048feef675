package io.bodycam.bench.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.event.CameraEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The run record's {@code events.jsonl}: every camera event, one JSON object a line, written by its
 * own thread so that no event loop ever waits for the disk. Nothing is dropped: the queue is
 * unbounded and {@link #close()} drains it.
 *
 * <p>Each line: {@code t} (virtual epoch ms), {@code time} (the same, ISO-8601), {@code wallMs} (wall
 * milliseconds since the run started; not in simulated mode), {@code deviceId}, then {@code type} and the event's own fields
 * as {@link CameraEvent#writeJson} writes them (the same as on the camera's {@code events} topic).
 */
public final class EventLog implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private record Item(CameraEvent event, long wallNanos) {
    }

    private static final Item END = new Item(null, 0);

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final long startNanos = System.nanoTime();
    private volatile IOException failure;

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
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer = new Thread(() -> drain(out), "bodycam-event-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an event; safe from any thread, never blocks. */
    public void onEvent(CameraEvent e) {
        queue.add(new Item(e, System.nanoTime()));
    }

    private void drain(BufferedWriter out) {
        try (out) {
            while (true) {
                Item item = queue.take();
                if (item == END) {
                    return;
                }
                out.write(line(item));
                out.write('\n');
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        queue.add(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write events.jsonl", failure);
        }
    }
}
