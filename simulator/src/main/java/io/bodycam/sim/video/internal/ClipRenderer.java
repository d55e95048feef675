package io.bodycam.sim.video.internal;

import io.bodycam.sim.video.VideoFormat;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Encodes pictures into an MP4 with JavaCV's {@link FFmpegFrameRecorder}: H.264 asked for by codec id
 * ({@code AV_CODEC_ID_H264}; in the LGPL FFmpeg build that is libopenh264, since asking for
 * {@code libx264} by name silently falls back to MPEG-4 Part 2, docs/platform.md#javacv), at the
 * format's bitrate, 30 fps, one IDR frame a second so that a segment may start at any whole second of a
 * clip, and optionally AAC audio (48 kHz mono, a street hum with a tone every two seconds).
 */
public final class ClipRenderer {

    public static final int SAMPLE_RATE = 48_000;
    /** AAC packs 1024 samples a frame. */
    public static final int AAC_FRAME = 1024;

    private ClipRenderer() {
    }

    /**
     * Renders {@code frames} pictures given by {@code picture} (frame index to image) into {@code out}.
     *
     * @param withAudio also encode {@code frames / 30} seconds of AAC audio
     */
    public static void render(Path out, VideoFormat format, int frames, IntFunction<java.awt.image.BufferedImage> picture,
                              boolean withAudio, long audioSeed) throws IOException {
        Ffmpeg.init();
        int w = format.resolution().width();
        int h = format.resolution().height();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, withAudio ? 1 : 0);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(VideoFormat.FPS);
        r.setGopSize(VideoFormat.FPS);
        r.setVideoBitrate((int) format.bitsPerSecond());
        r.setVideoOption("rc_mode", "bitrate");
        r.setVideoOption("allow_skip_frames", "0");
        if (withAudio) {
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(SAMPLE_RATE);
            r.setAudioChannels(1);
            r.setAudioBitrate(64_000);
        }
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            r.start();
            short[] samples = new short[SAMPLE_RATE / VideoFormat.FPS];
            java.util.SplittableRandom hiss = new java.util.SplittableRandom(audioSeed);
            for (int f = 0; f < frames; f++) {
                Frame frame = converter.convert(picture.apply(f));
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
                if (withAudio) {
                    street(samples, f, hiss);
                    r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(samples));
                }
            }
            r.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("encoding " + out + " failed: " + e.getMessage(), e);
        } finally {
            r.release();
        }
    }

    /** One frame's worth of street sound: hum, hiss, and a short 880 Hz tone at every even second. */
    private static void street(short[] out, int frame, java.util.SplittableRandom hiss) {
        int first = frame * out.length;
        for (int i = 0; i < out.length; i++) {
            int n = first + i;
            double t = n / (double) SAMPLE_RATE;
            double v = 1800 * Math.sin(2 * Math.PI * 110 * t) + 600 * (hiss.nextDouble() - 0.5);
            if (t % 2.0 < 0.15) {
                v += 5000 * Math.sin(2 * Math.PI * 880 * t);
            }
            out[i] = (short) v;
        }
    }

    /** The lines a template clip shows in its overlay band: none, it says what it is. */
    public static List<String> templateBand() {
        return List.of();
    }
}
