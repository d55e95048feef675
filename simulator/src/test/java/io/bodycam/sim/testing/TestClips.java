package io.bodycam.sim.testing;

import io.bodycam.sim.video.ClipLibrary;
import io.bodycam.sim.video.VideoFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clip libraries for tests, opened once per format and JVM from a cache under the module's
 * {@code target/clip-cache} (rendered on the first run after a clean, then reused), so the test classes
 * of a module share them.
 */
public final class TestClips {

    private static final Map<VideoFormat, ClipLibrary> OPEN = new ConcurrentHashMap<>();

    private TestClips() {
    }

    /** The cache folder tests use. */
    public static Path cache() {
        return Path.of(System.getProperty("bodycam.clipCache", "target/clip-cache")).toAbsolutePath();
    }

    /** The library for {@code format} (overlay and audio settings do not change the clips). */
    public static ClipLibrary library(VideoFormat format) {
        VideoFormat key = new VideoFormat(format.resolution(), format.bitsPerSecond(), false, false);
        return OPEN.computeIfAbsent(key, k -> {
            try {
                return ClipLibrary.open(cache(), k);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the test clip library for " + k.label(), e);
            }
        });
    }

    /** 360p at 1 Mbit/s: the cheapest format, for tests that do not care about size. */
    public static VideoFormat small() {
        return VideoFormat.builder().resolution(io.bodycam.sim.video.Resolution.P360).build();
    }
}
