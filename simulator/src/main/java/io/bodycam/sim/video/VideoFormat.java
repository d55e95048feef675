package io.bodycam.sim.video;

import java.util.Objects;

/**
 * How a camera in mp4 mode films: picture size, bitrate, whether every frame is really encoded with the
 * camera id, clock and position burned in ({@code overlay}), and whether the pre-event part carries
 * audio. Immutable; {@link #builder()} checks each value and names the field.
 *
 * <p>Defaults: 720p30 H.264 at 4 Mbit/s with AAC audio (docs/domain.md#video [S14, S57]); the pre-event
 * buffer is video only unless an admin enables audio in it [S1, S2].
 *
 * @param bitsPerSecond target video bitrate of the clip library's encoder
 * @param overlay       encode each segment's pictures with its camera id, clock and GPS burned in (small
 *                      fleets only: it costs a real encode per frame), instead of remuxing template clips
 * @param audioInBuffer the pre-event part has audio too
 */
public record VideoFormat(Resolution resolution, long bitsPerSecond, boolean overlay, boolean audioInBuffer) {

    /** Frames per second of every clip (720p30 [S14]). */
    public static final int FPS = 30;
    public static final long MIN_BITRATE = 200_000;
    public static final long MAX_BITRATE = 20_000_000;

    public VideoFormat {
        Objects.requireNonNull(resolution, "resolution");
        if (bitsPerSecond < MIN_BITRATE || bitsPerSecond > MAX_BITRATE) {
            throw new IllegalArgumentException("video bitrate must be " + MIN_BITRATE + ".." + MAX_BITRATE
                    + " bit/s, was " + bitsPerSecond + " bit/s");
        }
    }

    public static VideoFormat defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A short name for folders and logs: {@code 720p-4000k}. */
    public String label() {
        return resolution.label() + "-" + bitsPerSecond / 1000 + "k";
    }

    /** Builds a {@link VideoFormat}; the bitrate follows the resolution unless set. */
    public static final class Builder {
        private Resolution resolution = Resolution.P720;
        private Long bitsPerSecond;
        private boolean overlay;
        private boolean audioInBuffer;

        private Builder() {
        }

        public Builder resolution(Resolution v) {
            resolution = Objects.requireNonNull(v, "resolution");
            return this;
        }

        public Builder bitsPerSecond(long v) {
            if (v < MIN_BITRATE || v > MAX_BITRATE) {
                throw new IllegalArgumentException("video bitrate must be " + MIN_BITRATE + ".." + MAX_BITRATE
                        + " bit/s, was " + v + " bit/s");
            }
            bitsPerSecond = v;
            return this;
        }

        public Builder overlay(boolean v) {
            overlay = v;
            return this;
        }

        public Builder audioInBuffer(boolean v) {
            audioInBuffer = v;
            return this;
        }

        public VideoFormat build() {
            return new VideoFormat(resolution, bitsPerSecond != null ? bitsPerSecond : resolution.defaultBitrate(),
                    overlay, audioInBuffer);
        }
    }
}
