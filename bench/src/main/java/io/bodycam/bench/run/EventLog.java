package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.sim.camera.CameraEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run record's {@code events.jsonl}: every camera event, one JSON object a line, written by its
 * own thread so that no event loop ever waits for the disk. Nothing is dropped: the queue is
 * unbounded and {@link #close()} drains it.
 *
 * <p>Each line: {@code t} (virtual epoch ms), {@code time} (the same, ISO-8601), {@code wallMs} (wall
 * milliseconds since the run started), {@code deviceId}, {@code type}, then the event's own fields.
 */
public final class EventLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CameraEvent END = new CameraEvent("", 0, "", java.util.Map.of());

    private record Item(CameraEvent event, long wallNanos) {
    }

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final long startNanos = System.nanoTime();
    private final AtomicLong written = new AtomicLong();
    private volatile IOException failure;

    public EventLog(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer = new Thread(() -> drain(out), "bodycam-event-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an event; safe from any thread, never blocks. */
    public void onEvent(CameraEvent e) {
        queue.add(new Item(e, System.nanoTime()));
    }

    public long written() {
        return written.get();
    }

    private void drain(BufferedWriter out) {
        try (out) {
            while (true) {
                Item item = queue.take();
                if (item.event() == END) {
                    return;
                }
                CameraEvent e = item.event();
                ObjectNode n = JSON.createObjectNode();
                n.put("t", e.time());
                n.put("time", Instant.ofEpochMilli(e.time()).toString());
                n.put("wallMs", (item.wallNanos() - startNanos) / 1_000_000);
                n.put("deviceId", e.deviceId());
                n.put("type", e.type());
                e.fields().forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
                out.write(JSON.writeValueAsString(n));
                out.write('\n');
                written.incrementAndGet();
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

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        queue.add(new Item(END, 0));
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
