package io.bodycam.sim.video;

import io.bodycam.sim.video.internal.Ffmpeg;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an MP4 back with JavaCV's {@link FFmpegFrameGrabber}: container, video codec, frame count and
 * duration, audio start, metadata, and (when asked, which reads the whole file) the timed text GPS track.
 * What the reference backend checks on arrival and what the tests decode what they encode with.
 */
public final class Mp4Probe {

    private Mp4Probe() {
    }

    /**
     * What a file holds.
     *
     * @param openError        why FFmpeg could not open it (a truncated file: no {@code moov}), or null
     * @param videoCodec       FFmpeg's codec name ({@code h264}); {@code videoCodecId} its id
     * @param frames           video frames in the container's index
     * @param videoMillis      the video stream's duration
     * @param audioStartMillis when the audio starts (after a video-only pre-event part), -1 without audio
     * @param track            the GPS cues in time order, with their start in the file; empty unless asked
     */
    public record Report(Path file, long bytes, String openError, String container, String videoCodec, int videoCodecId,
                         int width, int height, long frames, long videoMillis, long audioStartMillis,
                         Map<String, String> metadata, List<TimedCue> track) {

        public boolean opened() {
            return openError == null;
        }

        public boolean h264() {
            return videoCodecId == avcodec.AV_CODEC_ID_H264;
        }
    }

    /** A GPS cue and where it starts in the file. */
    public record TimedCue(long startMillis, GpsCue cue) {
    }

    /** Opens {@code file} and reads its index and metadata; with {@code readTrack} also every GPS cue. */
    public static Report probe(Path file, boolean readTrack) {
        Ffmpeg.init();
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (java.io.IOException e) {
            return failed(file, 0, "cannot read the file: " + e.getMessage());
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        try {
            g.start(false);
        } catch (FFmpegFrameGrabber.Exception e) {
            release(g);
            return failed(file, bytes, "FFmpeg cannot open it: " + openError(file).orElse(e.getMessage())
                    + (bytes > 0 ? " (a truncated MP4 has no index: was it cut before it was finished?)" : ""));
        }
        try {
            AVFormatContext fc = g.getFormatContext();
            long frames = 0;
            long videoMillis = 0;
            long audioStart = -1;
            int textStream = -1;
            for (int i = 0; i < fc.nb_streams(); i++) {
                AVStream s = fc.streams(i);
                int type = s.codecpar().codec_type();
                if (type == avutil.AVMEDIA_TYPE_VIDEO && frames == 0) {
                    frames = s.nb_frames();
                    videoMillis = millis(s.duration(), s);
                } else if (type == avutil.AVMEDIA_TYPE_AUDIO && audioStart < 0) {
                    audioStart = s.start_time() == avutil.AV_NOPTS_VALUE ? 0 : millis(s.start_time(), s);
                } else if (type == avutil.AVMEDIA_TYPE_SUBTITLE && textStream < 0) {
                    textStream = i;
                }
            }
            List<TimedCue> track = readTrack && textStream >= 0 ? track(g, fc, textStream) : List.of();
            return new Report(file, bytes, null, fc.iformat().name().getString(), g.getVideoCodecName(), g.getVideoCodec(),
                    g.getImageWidth(), g.getImageHeight(), frames, videoMillis, audioStart, Map.copyOf(g.getMetadata()), track);
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            return failed(file, bytes, "FFmpeg cannot read it: " + e.getMessage());
        } finally {
            release(g);
        }
    }

    /** FFmpeg's own words for why it cannot open {@code file} (JavaCV's message adds hints that do not apply). */
    private static Optional<String> openError(Path file) {
        AVFormatContext fc = new AVFormatContext(null);
        int code = org.bytedeco.ffmpeg.global.avformat.avformat_open_input(fc, file.toString(), null, null);
        if (code >= 0) {
            org.bytedeco.ffmpeg.global.avformat.avformat_close_input(fc);
            return Optional.empty();
        }
        return Optional.of(Ffmpeg.error(code));
    }

    private static List<TimedCue> track(FFmpegFrameGrabber g, AVFormatContext fc, int stream) throws FFmpegFrameGrabber.Exception {
        AVStream s = fc.streams(stream);
        List<TimedCue> cues = new ArrayList<>();
        for (AVPacket p = g.grabPacket(); p != null; p = g.grabPacket()) {
            if (p.stream_index() == stream && p.size() > 2) {
                byte[] data = new byte[p.size()];
                p.data().get(data);
                int n = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
                String text = new String(data, 2, Math.min(n, data.length - 2), StandardCharsets.UTF_8);
                cues.add(new TimedCue(millis(p.pts(), s), GpsCue.parse(text)));
            }
        }
        return cues;
    }

    private static long millis(long ts, AVStream s) {
        return Math.round(ts * 1000.0 * s.time_base().num() / s.time_base().den());
    }

    private static Report failed(Path file, long bytes, String why) {
        return new Report(file, bytes, why, "", "", 0, 0, 0, 0, 0, -1, Map.of(), List.of());
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FFmpegFrameGrabber.Exception e) {
            // nothing more to free
        }
    }

    /**
     * Checks a segment file as the reference backend does on arrival: an MP4 container, H.264 video
     * (not the MPEG-4 Part 2 fallback), a video duration within one frame of the metadata's, and the
     * metadata's device id equal to the uploading device's. Empty when it passes, else the reason.
     */
    public static Optional<String> check(Report r, String uploadingDevice) {
        if (!r.opened()) {
            return Optional.of(r.openError());
        }
        if (!r.container().contains("mp4")) {
            return Optional.of("container is " + r.container() + ", not MP4");
        }
        if (!r.h264()) {
            return Optional.of("video codec is " + r.videoCodec() + ", not H.264");
        }
        String declared = r.metadata().get(Mp4Metadata.DURATION_MS);
        if (declared == null) {
            return Optional.of("metadata has no " + Mp4Metadata.DURATION_MS);
        }
        long metaMillis;
        try {
            metaMillis = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of("metadata " + Mp4Metadata.DURATION_MS + " is not a number: '" + declared + "'");
        }
        long frameMillis = 1000 / VideoFormat.FPS + 1;
        if (Math.abs(r.videoMillis() - metaMillis) > frameMillis) {
            return Optional.of("video lasts " + r.videoMillis() + " ms, metadata says " + metaMillis
                    + " ms (more than a frame apart)");
        }
        String device = r.metadata().get(Mp4Metadata.DEVICE_ID);
        if (!uploadingDevice.equals(device)) {
            return Optional.of("metadata device id is " + (device == null ? "missing" : "'" + device + "'")
                    + ", but " + uploadingDevice + " uploaded it");
        }
        return Optional.empty();
    }
}
