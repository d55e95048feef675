package io.bodycam.sim.video;

import io.bodycam.sim.video.internal.ClipRenderer;
import io.bodycam.sim.video.internal.PacketTrack;
import io.bodycam.sim.video.internal.Scene;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The template clips every mp4 segment is cut from: {@value #CLIPS} clips of {@value #CLIP_SECONDS} s of
 * the moving test {@link Scene} with AAC audio, encoded once with JavaCV at the format's resolution and
 * bitrate and cached on disk under a versioned folder ({@code <cache>/v1/720p-4000k/clip-0.mp4}), so the
 * next run only loads them. Encoding a 720p clip costs seconds (docs/platform.md#encode-speed: ~55 fps
 * with drawing); remuxing its packets into a segment costs milliseconds, which is what lets hundreds of
 * cameras film.
 *
 * <p>Loaded clips live in native memory as reference-counted packets, shared read-only by every
 * worker; {@link #close} frees them.
 */
public final class ClipLibrary implements AutoCloseable {

    /** Bump when the scene, the encoder settings or the clip layout change: old caches are then ignored. */
    public static final int VERSION = 1;
    public static final int CLIPS = 3;
    public static final int CLIP_SECONDS = 10;
    /** Environment variable naming the cache folder. */
    public static final String CACHE_ENV = "BODYCAM_CLIP_CACHE";

    private final VideoFormat format;
    private final Path folder;
    private final List<PacketTrack> video = new ArrayList<>();
    private final List<PacketTrack> audio = new ArrayList<>();
    private final int rendered;

    private ClipLibrary(VideoFormat format, Path folder, int rendered) {
        this.format = format;
        this.folder = folder;
        this.rendered = rendered;
    }

    /**
     * Opens the library for {@code format} under {@code cacheRoot}, rendering the clips that are not
     * cached yet (several processes may do so at once: each writes its own temporary file and moves it
     * into place).
     */
    public static ClipLibrary open(Path cacheRoot, VideoFormat format) throws IOException {
        Path folder = cacheRoot.resolve("v" + VERSION).resolve(format.resolution().label() + "-" + format.bitsPerSecond() / 1000 + "k");
        Files.createDirectories(folder);
        int rendered = 0;
        for (int i = 0; i < CLIPS; i++) {
            Path clip = folder.resolve("clip-" + i + ".mp4");
            if (!Files.isRegularFile(clip) || Files.size(clip) == 0) {
                render(clip, format, i);
                rendered++;
            }
        }
        ClipLibrary library = new ClipLibrary(format, folder, rendered);
        try {
            for (int i = 0; i < CLIPS; i++) {
                PacketTrack[] tracks = PacketTrack.load(folder.resolve("clip-" + i + ".mp4").toString());
                library.video.add(tracks[0]);
                library.audio.add(tracks[1]);
                if (tracks[1] == null) {
                    throw new IOException("clip " + i + " in " + folder + " has no audio; delete the folder to render it again");
                }
                if (tracks[0].size() != CLIP_SECONDS * VideoFormat.FPS) {
                    throw new IOException("clip " + i + " in " + folder + " has " + tracks[0].size() + " frames, not "
                            + CLIP_SECONDS * VideoFormat.FPS + "; delete the folder to render it again");
                }
            }
        } catch (IOException | RuntimeException e) {
            library.close();
            throw e;
        }
        return library;
    }

    /**
     * The system property {@code bodycam.clipCache}, else {@code $BODYCAM_CLIP_CACHE}, else
     * {@code $XDG_CACHE_HOME/bodycam/clips}, else {@code ~/.cache/bodycam/clips}.
     */
    public static Path defaultCache() {
        String property = System.getProperty("bodycam.clipCache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bodycam").resolve("clips");
    }

    private static void render(Path clip, VideoFormat format, int index) throws IOException {
        Path tmp = Files.createTempFile(clip.getParent(), "clip-" + index + "-", ".mp4.tmp");
        try {
            Scene scene = new Scene(format.resolution().width(), format.resolution().height(), index);
            ClipRenderer.render(tmp, format, CLIP_SECONDS * VideoFormat.FPS,
                    f -> scene.frame(f, ClipRenderer.templateBand(), true), true, 0xA0D10L + index);
            try {
                Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, clip, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public VideoFormat format() {
        return format;
    }

    /** How many clips this open had to render (0: all came from the cache). */
    public int rendered() {
        return rendered;
    }

    PacketTrack video(int i) {
        return video.get(i);
    }

    PacketTrack audio(int i) {
        return audio.get(i);
    }

    @Override
    public synchronized void close() {
        video.forEach(PacketTrack::close);
        audio.stream().filter(a -> a != null).forEach(PacketTrack::close);
        video.clear();
        audio.clear();
    }
}
