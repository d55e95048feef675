package io.bodycam.bench.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The run record's {@code inputs.jsonl}: each camera's inputs as its {@code InputRecorder} writes them (one line
 * a step, docs/reproduce.md#the-input-log), written by a thread of its own so that no event loop waits for the
 * disk. Nothing is dropped: the queue is unbounded and {@link #close()} drains it.
 */
public final class InputLog implements Consumer<String>, AutoCloseable {

    private static final String END = new String("end");
    /** How long a pause in the lines has to be before what is buffered is written out. */
    private static final long FLUSH_AFTER_MILLIS = 100;

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile IOException failure;

    public InputLog(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer = new Thread(() -> drain(out), "bodycam-input-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line; safe from any thread, never blocks. */
    @Override
    public void accept(String line) {
        queue.add(line);
    }

    private void drain(BufferedWriter out) {
        try (out) {
            while (true) {
                // under load the buffer goes out as it fills; the file catches up within a pause of the lines
                String line = queue.poll(FLUSH_AFTER_MILLIS, TimeUnit.MILLISECONDS);
                if (line == null) {
                    out.flush();
                    continue;
                }
                if (line == END) { // by identity: a camera's line is never that very string
                    return;
                }
                out.write(line);
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
            throw new UncheckedIOException("cannot write inputs.jsonl", failure);
        }
    }
}
