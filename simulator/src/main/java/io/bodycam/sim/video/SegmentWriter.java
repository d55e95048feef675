package io.bodycam.sim.video;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.video.internal.ClipRenderer;
import io.bodycam.sim.video.internal.PacketTrack;
import io.bodycam.sim.video.internal.Scene;
import io.bodycam.sim.video.internal.SegmentMuxer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Makes segment MP4s from the {@link ClipLibrary}: by default by remuxing template packets (packet copy,
 * no re-encode: milliseconds per segment), with the {@link VideoFormat#overlay() overlay} by really
 * encoding every picture with the camera id, officer, clock and GPS burned into its band (seconds per
 * segment: for small fleets). Either way the file gets the segment's metadata ({@link Mp4Metadata}) and
 * its GPS track as timed text, and is hashed over its final bytes. Blocking: run it on the
 * {@link VideoWorkers}, never on an event loop. Thread-safe.
 */
public final class SegmentWriter {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ClipLibrary library;
    private final VideoFormat format;

    /** Writes segments in the library's format. */
    public SegmentWriter(ClipLibrary library) {
        this(library, library.format());
    }

    /**
     * Writes segments in {@code format}, whose resolution and bitrate must be the library's (overlay and
     * audio in the buffer are the writer's own choice).
     */
    public SegmentWriter(ClipLibrary library, VideoFormat format) {
        if (format.resolution() != library.format().resolution() || format.bitsPerSecond() != library.format().bitsPerSecond()) {
            throw new IllegalArgumentException("format " + format.label() + " does not match the clip library's "
                    + library.format().label());
        }
        this.library = library;
        this.format = format;
    }

    public VideoFormat format() {
        return format;
    }

    /** Writes {@code spec} to {@code out} (replaced if it exists) and hashes it. */
    public WrittenSegment write(SegmentSpec spec, Path out) throws IOException {
        int frames = frames(spec.durationMillis());
        int clip = (int) Math.floorMod(spec.variant(), (long) ClipLibrary.CLIPS);
        int second = (int) Math.floorMod(spec.variant() >>> 8, (long) ClipLibrary.CLIP_SECONDS);
        PacketTrack audio = library.audio(clip);
        int audioStart = (int) ((long) second * ClipRenderer.SAMPLE_RATE / ClipRenderer.AAC_FRAME) % audio.size();
        long audioFrom = format().audioInBuffer() ? 0 : spec.preEventMillis();
        List<SegmentMuxer.Cue> cues = new ArrayList<>();
        for (GpsCue c : spec.cues()) {
            cues.add(new SegmentMuxer.Cue(c.time() - spec.start(), 1000, c.text()));
        }
        if (!format().overlay()) {
            SegmentMuxer.write(new SegmentMuxer.Plan(library.video(clip), second * VideoFormat.FPS, frames, audio,
                    audioStart, audioFrom, cues, Mp4Metadata.of(spec, format())), out);
        } else {
            Path pictures = Files.createTempFile(out.getParent(), "overlay-", ".mp4.tmp");
            try {
                encodeOverlay(spec, clip, second, frames, pictures);
                PacketTrack[] encoded = PacketTrack.load(pictures.toString());
                try (PacketTrack video = encoded[0]) {
                    SegmentMuxer.write(new SegmentMuxer.Plan(video, 0, frames, audio, audioStart, audioFrom, cues,
                            Mp4Metadata.of(spec, format())), out);
                }
            } finally {
                Files.deleteIfExists(pictures);
            }
        }
        return new WrittenSegment(out, Files.size(out), sha256(out), frames, frames * 1000L / VideoFormat.FPS);
    }

    /**
     * What a power cut leaves of a segment being written: the media data of {@code spec} without the
     * index ({@code moov}) the muxer writes last, so no player can open it. The firmware finds it when
     * it recovers and must tell it from a complete file ({@link Mp4Probe}).
     */
    public void writeTruncated(SegmentSpec spec, Path out) throws IOException {
        Path whole = Files.createTempFile(out.getParent(), "cut-", ".mp4.tmp");
        try {
            write(spec, whole);
            long cut = Mp4Boxes.offsetOf(whole, "moov").orElse(Files.size(whole) / 2);
            try (FileChannel ch = FileChannel.open(whole, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            Files.move(whole, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(whole);
        }
    }

    /** Video frames for a duration: the nearest whole frame at 30 fps, at least one. */
    public static int frames(long durationMillis) {
        return (int) Math.max(1, Math.round(durationMillis * VideoFormat.FPS / 1000.0));
    }

    private void encodeOverlay(SegmentSpec spec, int clip, int second, int frames, Path out) throws IOException {
        Scene scene = new Scene(format().resolution().width(), format().resolution().height(), clip);
        List<GpsFix> track = spec.track();
        String who = spec.deviceId() + "   " + spec.officer() + "   " + spec.segmentId();
        ClipRenderer.render(out, format(), frames, f -> {
            long t = spec.start() + f * 1000L / VideoFormat.FPS;
            return scene.frame(second * VideoFormat.FPS + f, List.of(who, CLOCK.format(Instant.ofEpochMilli(t))
                    + "   " + position(track, t)), true);
        }, false, 0);
    }

    /** The last fix at or before {@code t} as the band shows it. */
    private static String position(List<GpsFix> track, long t) {
        GpsFix last = null;
        for (GpsFix f : track) {
            if (f.time() > t) {
                break;
            }
            last = f;
        }
        if (last == null) {
            return "no GPS fix yet";
        }
        return String.format(Locale.ROOT, "%.6f, %.6f  %3.0f km/h%s", last.lat(), last.lon(), last.speed() * 3.6,
                last.fix() ? "" : "  (no fix)");
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
