package io.bodycam.bench.scenario;

import io.bodycam.sim.video.Resolution;
import io.bodycam.sim.video.VideoFormat;

import java.util.Objects;

/**
 * The {@code video:} settings of a scenario with {@code payload: mp4} (docs/video.md): how the cameras
 * film, and whether the embedded backend keeps the verified files in the run folder.
 *
 * @param keepEvidence the embedded backend keeps each verified MP4 under {@code <run>/evidence/<device>/}
 */
public record Video(VideoFormat format, boolean keepEvidence) {

    /**
     * Camera-speed (cameras times clock speed) the overlay may be asked for: each overlay camera encodes
     * every frame, measured at about 0.7 of a core per real-time camera at 720p and 0.2 at 360p on the
     * reference machine (2 cores; docs/video.md, {@code bodycam clip --capacity --overlay}), so more
     * than this cannot keep up.
     */
    public static final double OVERLAY_LIMIT_720P = 2;
    public static final double OVERLAY_LIMIT_360P = 8;

    public Video {
        Objects.requireNonNull(format, "video format");
    }

    /** The most cameras times clock speed the overlay can film in real time on the reference machine. */
    public static double overlayLimit(Resolution r) {
        return r == Resolution.P720 ? OVERLAY_LIMIT_720P : OVERLAY_LIMIT_360P;
    }
}
