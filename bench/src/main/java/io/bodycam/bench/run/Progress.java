package io.bodycam.bench.run;

import io.bodycam.sim.camera.Mode;

import java.io.PrintWriter;

/**
 * The live progress line during a run: elapsed wall and virtual time, cameras online, recording,
 * docked, uploads and message rate. On a terminal one line is rewritten every second; otherwise (CI
 * logs) a plain line is printed every ten seconds.
 */
final class Progress {

    private final PrintWriter out;
    private final boolean tty;
    private final long virtualTotal;
    private final int cameras;
    private long lastPrintNanos;
    private long lastReceived;
    private long lastNanos = System.nanoTime();

    Progress(PrintWriter out, boolean tty, long virtualTotalMillis, int cameras) {
        this.out = out;
        this.tty = tty;
        this.virtualTotal = virtualTotalMillis;
        this.cameras = cameras;
    }

    /** Prints if it is time to, reading the run's meters. */
    void tick(long wallMillis, long virtualMillis, RunMeters meters) {
        long received = (long) meters.value("bodycam.mqtt.received");
        long now = System.nanoTime();
        if (!tty && now - lastPrintNanos < 10_000_000_000L && lastPrintNanos != 0) {
            return;
        }
        double rate = (received - lastReceived) / Math.max(1e-3, (now - lastNanos) / 1e9);
        lastReceived = received;
        lastNanos = now;
        lastPrintNanos = now;
        String line = String.format("  %s wall | %s / %s virtual | online %d/%d | recording %d | docked %d | %d uploads | %.0f msg/s",
                clock(wallMillis), clock(virtualMillis), clock(virtualTotal), (int) meters.value("bodycam.devices.online"), cameras,
                meters.mode(Mode.RECORDING), meters.mode(Mode.DOCKED), (long) meters.value("bodycam.uploads.completed"), rate);
        if (tty) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
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
