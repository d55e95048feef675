package io.bodycam.bench.ledger.store;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A store read-back's progress on the run's console: what is read, then a line every few seconds with the
 * objects read of all and their bytes, and the total at the end. Wall time, read through {@code nanoTime}.
 */
public final class ReadProgress {

    private final PrintWriter console;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private String what = "";
    private int total;
    private int read;
    private long bytes;
    private long started;
    private long lastLine;

    public ReadProgress(PrintWriter console, Duration every, LongSupplier nanoTime) {
        this.console = console;
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Reports every 5 s on {@code console}. */
    public static ReadProgress every5s(PrintWriter console) {
        return new ReadProgress(console, Duration.ofSeconds(5), System::nanoTime);
    }

    /** The read of {@code total} objects begins. */
    void start(String what, int total) {
        this.what = what;
        this.total = total;
        this.started = nanoTime.getAsLong();
        this.lastLine = started;
        console.printf(Locale.ROOT, "reading the store back: %s, %d objects%n", what, total);
        console.flush();
    }

    /** One more object read, of {@code objectBytes}. */
    void read(long objectBytes) {
        read++;
        bytes += objectBytes;
        long now = nanoTime.getAsLong();
        if (now - lastLine >= everyNanos) {
            lastLine = now;
            console.printf(Locale.ROOT, "  read back %d/%d objects (%,d bytes)%n", read, total, bytes);
            console.flush();
        }
    }

    /** The read is over. */
    void done() {
        console.printf(Locale.ROOT, "read back %d/%d objects (%,d bytes) of %s in %.1f s%n", read, total, bytes, what,
                (nanoTime.getAsLong() - started) / 1e9);
        console.flush();
    }
}
