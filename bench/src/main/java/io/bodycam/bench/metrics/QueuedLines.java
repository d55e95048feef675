package io.bodycam.bench.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A file of lines written by a thread of its own, so that no event loop ever waits for the disk: items are queued
 * from any thread without blocking, and turned into lines on the writer thread. Nothing is dropped: the queue is
 * unbounded and {@link #close()} drains it. What is buffered goes out once the queue has been empty for
 * {@code flushAfterMillis} (0: as soon as it is empty).
 */
final class QueuedLines<T> implements AutoCloseable {

    /** How an item becomes its line, on the writer thread. */
    @FunctionalInterface
    interface Format<T> {
        String line(T item) throws IOException;
    }

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Path file;
    private final Format<T> format;
    private final long flushAfterMillis;
    private final Thread writer;
    private volatile IOException failure;

    QueuedLines(Path file, String threadName, long flushAfterMillis, Format<T> format) throws IOException {
        this.file = file;
        this.format = format;
        this.flushAfterMillis = flushAfterMillis;
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer = new Thread(() -> drain(out), threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an item; safe from any thread, never blocks. */
    void add(T item) {
        queue.add(item);
    }

    @SuppressWarnings("unchecked") // the queue holds the items added, and END
    private void drain(BufferedWriter out) {
        try (out) {
            while (true) {
                Object item = queue.poll(flushAfterMillis, TimeUnit.MILLISECONDS);
                if (item == null) {
                    out.flush();
                    if (flushAfterMillis > 0) {
                        continue;
                    }
                    item = queue.take();
                }
                if (item == END) {
                    return;
                }
                out.write(format.line((T) item));
                out.write('\n');
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
        queue.add(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write " + file.getFileName(), failure);
        }
    }
}
