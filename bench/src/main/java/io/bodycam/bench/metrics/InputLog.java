package io.bodycam.bench.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The run record's {@code inputs.jsonl}: each camera's inputs as its {@code InputRecorder} writes them (one line
 * a step, docs/reproduce.md#the-input-log), written by a thread of its own so that no event loop waits for the
 * disk. Nothing is dropped: the queue is unbounded and {@link #close()} drains it.
 */
public final class InputLog implements Consumer<String>, AutoCloseable {

    /** How long a pause in the lines has to be before what is buffered is written out. */
    private static final long FLUSH_AFTER_MILLIS = 100;

    private final QueuedLines<String> lines;

    public InputLog(Path file) throws IOException {
        // under load the buffer goes out as it fills; the file catches up within a pause of the lines
        lines = new QueuedLines<>(file, "bodycam-input-log", FLUSH_AFTER_MILLIS, line -> line);
    }

    /** Queues a line; safe from any thread, never blocks. */
    @Override
    public void accept(String line) {
        lines.add(line);
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        lines.close();
    }
}
