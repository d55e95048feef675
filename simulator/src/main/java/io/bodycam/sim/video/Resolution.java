package io.bodycam.sim.video;

import java.util.Locale;

/**
 * The picture sizes the clip library renders: 720p is the simulator's default (Axon Body 3 ships
 * "720p High" [S14]; 1280x720 at ~1.8 GB/h [S57]); 360p is a light option for large mp4 fleets.
 */
public enum Resolution {
    P720(1280, 720, 4_000_000),
    P360(640, 360, 1_000_000);

    private final int width;
    private final int height;
    private final long defaultBitrate;

    Resolution(int width, int height, long defaultBitrate) {
        this.width = width;
        this.height = height;
        this.defaultBitrate = defaultBitrate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * 4 Mbit/s at 720p [S57]; a quarter of the pixels, a quarter of the bits at 360p [GUESS]
     * (docs/domain.md#video).
     */
    public long defaultBitrate() {
        return defaultBitrate;
    }

    /** {@code 720p} or {@code 360p}, as scenarios write it. */
    public String label() {
        return height + "p";
    }

    /** Reads {@code 720p} or {@code 360p}. */
    public static Resolution parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Resolution r : values()) {
            if (r.label().equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("resolution must be 720p or 360p, was '" + text + "'");
    }
}
