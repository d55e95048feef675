package io.bodycam.bench.run;

import io.bodycam.bench.metrics.RunMeters;
import io.bodycam.bench.run.record.FleetLook;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress line during a run: wall time, virtual time against the scenario's duration,
 * cameras online, recording and uploading, MQTT messages and upload megabytes per second, and the
 * assertions already failed for good, and the bench's own health ({@link io.bodycam.bench.metrics.BenchHealth}). On a terminal one line is rewritten every second; otherwise (CI
 * logs) a plain line is printed every ten seconds.
 */
final class Progress {

    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final boolean tty;
    private final long virtualTotal;
    private final int cameras;
    private long lastPrintNanos;
    private long lastReceived;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    Progress(PrintWriter out, boolean tty, long virtualTotalMillis, int cameras) {
        this.out = out;
        this.tty = tty;
        this.virtualTotal = virtualTotalMillis;
        this.cameras = cameras;
    }

    /** Prints if it is time to, from the latest look at the fleet and the run's meters. */
    void tick(long wallMillis, FleetLook look, RunMeters meters, int failedSoFar, String bench) {
        long now = System.nanoTime();
        if (!tty && lastPrintNanos != 0 && now - lastPrintNanos < PLAIN_EVERY_NANOS) {
            return;
        }
        long received = (long) meters.value("bodycam.mqtt.received");
        long bytes = (long) meters.value("bodycam.uploads.bytes");
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        String line = line(wallMillis, look, (received - lastReceived) / seconds, (bytes - lastBytes) / seconds, failedSoFar)
                + " | " + bench;
        lastReceived = received;
        lastBytes = bytes;
        lastNanos = now;
        lastPrintNanos = now;
        if (tty) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long wallMillis, FleetLook look, double messagesPerSecond, double bytesPerSecond, int failedSoFar) {
        return String.format(Locale.ROOT,
                "  %s wall | %s / %s virtual (%d%%) | online %d/%d | recording %d | uploading %d | %,.0f msg/s | %.2f MB/s up | %s",
                clock(wallMillis), clock(look.virtualMs()), clock(virtualTotal),
                Math.min(100, Math.round(100.0 * look.virtualMs() / Math.max(1, virtualTotal))), look.online(), cameras,
                look.recording(), look.uploading(), messagesPerSecond, bytesPerSecond / 1e6,
                failedSoFar == 0 ? "no assertion failed yet" : failedSoFar + (failedSoFar == 1 ? " assertion" : " assertions") + " failed");
    }

    /** Ends the updating line. */
    void done() {
        if (tty) {
            out.println();
        }
    }

    static String clock(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
