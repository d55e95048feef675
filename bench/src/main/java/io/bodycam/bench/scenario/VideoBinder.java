package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.Problems;
import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.sim.video.Resolution;
import io.bodycam.sim.video.VideoFormat;

import java.util.Locale;

/**
 * Reads the {@code video:} mapping of a scenario with {@code payload: mp4} (docs/scenarios.md, "Video")
 * and checks what only makes sense together: {@code video:} without mp4, {@code payloadScale} with mp4,
 * and an overlay asked of more cameras than can be encoded in time.
 */
final class VideoBinder {

    private VideoBinder() {
    }

    /** The scenario's video settings: null for synthetic payloads. */
    static Video read(YamlMap root, PayloadMode payload, Problems problems) {
        if (payload != PayloadMode.MP4) {
            if (root.has("video")) {
                problems.report(root.keyPosition("video").orElseThrow(), "video: applies to payload: mp4 only",
                        "add 'payload: mp4', or remove the video block");
                root.optionalMap("video").ifPresent(v -> format(v, problems));
            }
            return null;
        }
        root.node("payloadScale").ifPresent(n -> {
            if (root.decimal("payloadScale", 1.0, 1e-9, 1.0) != 1.0) {
                problems.report(n, "payloadScale shrinks synthetic payloads only: an mp4 segment is a real video file at "
                        + "the video bitrate", "remove payloadScale; make files smaller with video.resolution: 360p or a lower video.bitrate");
            }
        });
        YamlMap v = root.optionalMap("video").orElse(null);
        return v == null ? new Video(VideoFormat.defaults(), true) : new Video(format(v, problems), v.bool("keepEvidence", true));
    }

    private static VideoFormat format(YamlMap v, Problems problems) {
        VideoFormat.Builder f = VideoFormat.builder();
        if (v.has("resolution")) {
            String text = v.string("resolution");
            try {
                f.resolution(Resolution.parse(text));
            } catch (IllegalArgumentException e) {
                problems.report(v.node("resolution").orElseThrow(), "video.resolution must be 720p or 360p, was '" + text + "'");
            }
        }
        if (v.has("bitrate")) {
            double bits = v.dataRate("bitrate", 4_000_000, VideoFormat.MIN_BITRATE, VideoFormat.MAX_BITRATE);
            f.bitsPerSecond(Math.round(Math.max(VideoFormat.MIN_BITRATE, Math.min(VideoFormat.MAX_BITRATE, bits))));
        }
        f.overlay(v.bool("overlay", false));
        f.audioInBuffer(v.bool("audioInBuffer", false));
        v.bool("keepEvidence", true);
        return f.build();
    }

    /**
     * The overlay encodes every frame of every camera: refuses more cameras times clock speed than
     * {@link Video#overlayLimit} allows, naming the numbers.
     */
    static void checkOverlay(YamlMap root, Video video, int cameras, double speed, Problems problems) {
        if (video == null || !video.format().overlay()) {
            return;
        }
        double demand = cameras * speed;
        double limit = Video.overlayLimit(video.format().resolution());
        if (demand > limit) {
            YamlMap v = root.map("video");
            problems.report(v.node("overlay").orElse(v), String.format(Locale.ROOT,
                    "video.overlay encodes every frame of every camera: %d cameras at speed %s need %s cameras' worth of "
                            + "real-time encoding, more than the %s this machine class keeps up with at %s",
                    cameras, trim(speed), trim(demand), trim(limit), video.format().resolution().label()),
                    "the overlay is for small fleets (vendor validation, bug reproduction): use fewer cameras or a lower "
                            + "clock.speed, 360p, or drop the overlay (segments are then remuxed from the clip library)");
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
