package io.bodycam.cli;

import io.bodycam.bench.capacity.VideoCapacity;
import io.bodycam.bench.scenario.units.DataRates;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GpsReceiver;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.video.ClipLibrary;
import io.bodycam.sim.video.Mp4Metadata;
import io.bodycam.sim.video.Mp4Probe;
import io.bodycam.sim.video.Resolution;
import io.bodycam.sim.video.SegmentSpec;
import io.bodycam.sim.video.SegmentWriter;
import io.bodycam.sim.video.VideoFormat;
import io.bodycam.sim.video.WrittenSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bodycam clip}: writes one sample segment MP4 as a camera in mp4 mode would (docs/video.md),
 * and prints what the probe reads back; with {@code --capacity}, measures how many cameras this machine
 * can film for in real time instead.
 */
@Command(name = "clip", description = "Write a sample segment MP4 (camera id, times and GPS track inside), or measure mp4 capacity.")
final class ClipCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "the MP4 to write, e.g. sample.mp4")
    Path out;

    @Option(names = "--duration", defaultValue = "10s", description = "segment length (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--pre-event", defaultValue = "0s", description = "pre-event part, video only unless --audio-in-buffer (default: ${DEFAULT-VALUE})")
    String preEvent;

    @Option(names = "--overlay", description = "encode every picture with the camera id, clock and GPS burned in")
    boolean overlay;

    @Option(names = "--audio-in-buffer", description = "the pre-event part has audio too")
    boolean audioInBuffer;

    @Option(names = "--resolution", defaultValue = "720p", description = "720p or 360p (default: ${DEFAULT-VALUE})")
    String resolution;

    @Option(names = "--bitrate", description = "video bitrate, e.g. 4Mbit/s (default: 4 Mbit/s at 720p, 1 Mbit/s at 360p)")
    String bitrate;

    @Option(names = "--device", defaultValue = "SAMPLE-0001", description = "device id in the metadata (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--clip-cache", paramLabel = "DIR", description = "clip library cache (default: $BODYCAM_CLIP_CACHE or ~/.cache/bodycam/clips)")
    Path clipCache;

    @Option(names = "--capacity", description = "measure how many cameras this machine films for in real time, write no sample")
    boolean capacity;

    @Option(names = "--seconds", defaultValue = "30", description = "with --capacity: measurement window (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--threads", defaultValue = "0", description = "with --capacity: worker threads (default: one per core)")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VideoFormat format;
        Duration length;
        Duration pre;
        try {
            VideoFormat.Builder f = VideoFormat.builder().resolution(Resolution.parse(resolution)).overlay(overlay)
                    .audioInBuffer(audioInBuffer);
            if (bitrate != null) {
                f.bitsPerSecond(Math.round(DataRates.parse(bitrate)));
            }
            format = f.build();
            length = Durations.parse(duration);
            pre = Durations.parse(preEvent);
            if (length.compareTo(Duration.ofMillis(100)) < 0 || length.compareTo(Duration.ofHours(4)) > 0) {
                throw new IllegalArgumentException("--duration must be 100ms..4h, was " + duration);
            }
            if (pre.isNegative() || pre.compareTo(length) > 0) {
                throw new IllegalArgumentException("--pre-event must be 0.." + duration + ", was " + preEvent);
            }
            if (!capacity && out == null) {
                throw new IllegalArgumentException("say where to write the sample with --out FILE (or measure with --capacity)");
            }
            if (capacity && (seconds < 1 || threads < 0 || threads > 64)) {
                throw new IllegalArgumentException("--seconds must be >= 1 and --threads 0..64");
            }
        } catch (IllegalArgumentException e) {
            err.println("bodycam clip: " + e.getMessage());
            return 2;
        }
        Path cache = clipCache != null ? clipCache : ClipLibrary.defaultCache();
        if (capacity) {
            int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            VideoCapacity.Result r = VideoCapacity.measure(new VideoCapacity.Settings(format, length,
                    Duration.ofSeconds(seconds), n, cache, Path.of(System.getProperty("java.io.tmpdir"), "bodycam-capacity")), o);
            o.printf(Locale.ROOT, "%s %s, %s segments, %d worker threads, %d cores%n", format.label(),
                    overlay ? "overlay (every frame encoded)" : "remux (packet copy)", Durations.format(length), n,
                    Runtime.getRuntime().availableProcessors());
            o.printf(Locale.ROOT, "  %d segments in %.1f s: %.1f s of video per wall second = %.0f cameras filming in real time%n",
                    r.segments(), r.wallSeconds(), r.cameras(), Math.floor(r.cameras()));
            o.printf(Locale.ROOT, "  per segment: %.1f ms of worker time, %.1f ms of process CPU; %.1f MB/s written%n",
                    r.workerMillisPerSegment(), r.cpuMillisPerSegment(), r.megabytesPerSecond());
            return 0;
        }
        try (ClipLibrary library = ClipLibrary.open(cache, new VideoFormat(format.resolution(), format.bitsPerSecond(), false, false))) {
            long start = Instant.now().toEpochMilli() / 1000 * 1000;
            GpsReceiver gps = new GpsReceiver(39.0911, -94.4155, PatrolStyle.VEHICLE, 0, device.hashCode(), start - 1000);
            List<GpsFix> track = new ArrayList<>();
            for (long t = start; t < start + length.toMillis(); t += 1000) {
                track.add(gps.fixAt(t));
            }
            String rec = device + "-R00001";
            Path target = out.toAbsolutePath();
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            WrittenSegment w = new SegmentWriter(library, format).write(new SegmentSpec(device, "officer-" + device, "sample",
                    rec, rec + "-S001", 0, start, start + length.toMillis(), pre.toMillis(), "button", "uncategorized",
                    track, start), target);
            Mp4Probe.Report r = Mp4Probe.probe(w.file(), true);
            o.printf(Locale.ROOT, "wrote %s: %,d bytes, sha256 %s%n", w.file(), w.bytes(), w.sha256());
            o.printf(Locale.ROOT, "  %s, %dx%d, %d frames, %.3f s, audio from %.3f s, %d GPS cues%n", r.videoCodec(), r.width(),
                    r.height(), r.frames(), r.videoMillis() / 1000.0, r.audioStartMillis() / 1000.0, r.track().size());
            o.printf("  device %s, officer %s, %s .. %s%n", r.metadata().get(Mp4Metadata.DEVICE_ID),
                    r.metadata().get(Mp4Metadata.OFFICER), r.metadata().get(Mp4Metadata.START), r.metadata().get(Mp4Metadata.END));
            o.printf("  check on arrival: %s%n", Mp4Probe.check(r, device).map(p -> "FAILS: " + p).orElse("passes"));
            return Mp4Probe.check(r, device).isPresent() ? 3 : 0;
        }
    }
}
