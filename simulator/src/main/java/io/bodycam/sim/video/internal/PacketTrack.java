package io.bodycam.sim.video.internal;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

/**
 * The coded packets of one stream of an MP4, kept in FFmpeg's reference-counted buffers so that a
 * segment can reuse them without copying a byte ({@code av_packet_ref}), with the stream's codec
 * parameters. Packets are in decoding order; a clip from libopenh264 has no B-frames, so that is also
 * presentation order (checked when loading). Thread-safe to read once loaded; {@link #close} frees it.
 */
public final class PacketTrack implements AutoCloseable {

    private final AVCodecParameters parameters;
    private final List<AVPacket> packets;
    private final boolean[] keyframes;

    private PacketTrack(AVCodecParameters parameters, List<AVPacket> packets) {
        this.parameters = parameters;
        this.packets = packets;
        this.keyframes = new boolean[packets.size()];
        for (int i = 0; i < packets.size(); i++) {
            keyframes[i] = (packets.get(i).flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0;
        }
    }

    /** The video and (if present) audio tracks of {@code file}: index 0 video, 1 audio or null. */
    public static PacketTrack[] load(String file) throws IOException {
        Ffmpeg.init();
        AVFormatContext in = new AVFormatContext(null);
        Ffmpeg.check(avformat_open_input(in, file, null, null), "opening " + file);
        List<AVPacket> video = new ArrayList<>();
        List<AVPacket> audio = new ArrayList<>();
        AVCodecParameters videoPar = null;
        AVCodecParameters audioPar = null;
        try {
            Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "reading stream info of " + file);
            int v = -1;
            int a = -1;
            for (int i = 0; i < in.nb_streams(); i++) {
                AVStream s = in.streams(i);
                int type = s.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && v < 0) {
                    v = i;
                } else if (type == AVMEDIA_TYPE_AUDIO && a < 0) {
                    a = i;
                }
            }
            if (v < 0) {
                throw new IOException(file + " has no video stream");
            }
            videoPar = copy(in.streams(v).codecpar());
            audioPar = a < 0 ? null : copy(in.streams(a).codecpar());
            AVPacket pkt = av_packet_alloc();
            try {
                long lastPts = Long.MIN_VALUE;
                while (av_read_frame(in, pkt) >= 0) {
                    if (pkt.stream_index() == v) {
                        if (pkt.pts() != pkt.dts() || pkt.pts() <= lastPts) {
                            throw new IOException(file + " has reordered video frames (B-frames); clips must not");
                        }
                        lastPts = pkt.pts();
                        video.add(av_packet_clone(pkt));
                    } else if (pkt.stream_index() == a) {
                        audio.add(av_packet_clone(pkt));
                    }
                    av_packet_unref(pkt);
                }
            } finally {
                av_packet_free(pkt);
            }
            if (video.isEmpty()) {
                throw new IOException(file + " has no video frames");
            }
            PacketTrack[] tracks = {new PacketTrack(videoPar, video), audioPar == null ? null : new PacketTrack(audioPar, audio)};
            videoPar = null;
            audioPar = null;
            return tracks;
        } catch (IOException | RuntimeException e) {
            video.forEach(p -> av_packet_free(p));
            audio.forEach(p -> av_packet_free(p));
            if (videoPar != null) {
                avcodec_parameters_free(videoPar);
            }
            if (audioPar != null) {
                avcodec_parameters_free(audioPar);
            }
            throw e;
        } finally {
            avformat_close_input(in);
        }
    }

    private static AVCodecParameters copy(AVCodecParameters from) throws IOException {
        AVCodecParameters to = avcodec_parameters_alloc();
        Ffmpeg.check(avcodec_parameters_copy(to, from), "copying codec parameters");
        return to;
    }

    public AVCodecParameters parameters() {
        return parameters;
    }

    public int size() {
        return packets.size();
    }

    public AVPacket packet(int i) {
        return packets.get(i);
    }

    public boolean keyframe(int i) {
        return keyframes[i];
    }

    @Override
    public synchronized void close() {
        packets.forEach(p -> av_packet_free(p));
        packets.clear();
        avcodec_parameters_free(parameters);
    }
}
