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
     * every frame, about 0.35 of a core per real-time camera at 720p and 0.1 at 360p on the reference
     * machine (docs/video.md), so more than this cannot keep up on 2 cores.
     */
    public static final double OVERLAY_LIMIT_720P = 4;
    public static final double OVERLAY_LIMIT_360P = 16;

    public Video {
        Objects.requireNonNull(format, "video format");
    }

    /** The most cameras times clock speed the overlay can film in real time on the reference machine. */
    public static double overlayLimit(Resolution r) {
        return r == Resolution.P720 ? OVERLAY_LIMIT_720P : OVERLAY_LIMIT_360P;
    }
}
