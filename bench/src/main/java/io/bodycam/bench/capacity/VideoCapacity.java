package io.bodycam.bench.capacity;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.video.Mp4Studio;
import io.bodycam.sim.video.SegmentCard;
import io.bodycam.sim.video.SegmentSpec;
import io.bodycam.sim.video.VideoFormat;
import io.bodycam.sim.video.VideoWorkers;
import io.bodycam.sim.video.WrittenSegment;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bodycam clip --capacity}: how many cameras this machine can film mp4 for in real time. It
 * writes segment files the way a fleet does (same card, writer and bounded workers, one job per worker
 * thread in flight, each file hashed, then deleted) for a wall-clock window after a warm-up, and
 * reports video seconds written per wall second: a camera filming in real time needs one, so that is
 * the number of cameras the file path sustains, before MQTT and uploads take their share of the CPU.
 */
public final class VideoCapacity {

    /** What to measure. */
    public record Settings(VideoFormat format, Duration segment, Duration window, int threads, Path clipCache, Path scratch) {
    }

    /** What was measured. */
    public record Result(int segments, double wallSeconds, double videoSeconds, long bytes, long cpuNanos, long busyNanos) {

        /** Real-time cameras the file path sustains: video seconds written per wall second. */
        public double cameras() {
            return videoSeconds / wallSeconds;
        }

        public double cpuMillisPerSegment() {
            return cpuNanos / 1e6 / segments;
        }

        public double workerMillisPerSegment() {
            return busyNanos / 1e6 / segments;
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / wallSeconds;
        }
    }

    private VideoCapacity() {
    }

    public static Result measure(Settings s, PrintWriter out) throws IOException {
        Files.createDirectories(s.scratch());
        Path cards = Files.createTempDirectory(s.scratch(), "capacity-");
        try (Mp4Studio studio = Mp4Studio.open(s.format(), s.clipCache(), cards, new VideoWorkers(s.threads(), 1_000))) {
            SegmentCard card = studio.card("CAP-0001");
            out.printf(Locale.ROOT, "warming up (%s, %s segments, %d worker threads) ...%n", s.format().label()
                    + (s.format().overlay() ? " overlay" : " remux"), s.segment(), s.threads());
            out.flush();
            run(card, studio.workers(), s, Math.max(2, s.threads()), Long.MAX_VALUE);
            out.printf(Locale.ROOT, "measuring for %d s ...%n", s.window().toSeconds());
            out.flush();
            return run(card, studio.workers(), s, Integer.MAX_VALUE, s.window().toNanos());
        } finally {
            io.bodycam.sim.video.SegmentCard.wipe(cards);
        }
    }

    /** Keeps one segment per worker in flight until {@code count} are done or {@code windowNanos} passed. */
    private static Result run(SegmentCard card, VideoWorkers workers, Settings s, int count, long windowNanos) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long busy0 = workers.busyNanos();
        long t0 = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        int started = 0;
        int done = 0;
        List<CompletableFuture<WrittenSegment>> inFlight = new ArrayList<>();
        while (true) {
            boolean timeLeft = System.nanoTime() - t0 < windowNanos && started < count;
            while (timeLeft && inFlight.size() < s.threads()) {
                inFlight.add(card.write(spec(started++, s.segment())).whenComplete((w, e) -> {
                    if (w != null) {
                        bytes.addAndGet(w.bytes());
                        try {
                            Files.deleteIfExists(w.file());
                        } catch (IOException ignored) {
                            // the scratch folder is wiped at the end
                        }
                    }
                }));
            }
            if (inFlight.isEmpty()) {
                break;
            }
            CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).join();
            for (var it = inFlight.iterator(); it.hasNext(); ) {
                var f = it.next();
                if (f.isDone()) {
                    f.join();
                    it.remove();
                    done++;
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(done, wall, done * s.segment().toMillis() / 1000.0, bytes.get(), os.getProcessCpuTime() - cpu0,
                workers.busyNanos() - busy0);
    }

    private static SegmentSpec spec(int i, Duration length) {
        long start = 1_800_000_000_000L + i * length.toMillis();
        GpsReceiver gps = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 0, i, start - 1000);
        List<GpsFix> track = new ArrayList<>();
        for (long t = start; t < start + length.toMillis(); t += 1000) {
            track.add(gps.fixAt(t));
        }
        String rec = String.format("CAP-0001-R%05d", i + 1);
        return new SegmentSpec("CAP-0001", "officer-capacity", "bench", rec, rec + "-S001", 0, start,
                start + length.toMillis(), 0, "button", "uncategorized", track, i * 0x9E3779B97F4A7C15L);
    }
}
