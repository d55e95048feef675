package io.bodycam.sim.video.internal;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MOV_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

/**
 * Writes one segment MP4 by packet copy (no re-encode): {@code frames} video frames taken from a
 * {@link PacketTrack} starting at a keyframe and looping, AAC audio from another track from
 * {@code audioFromMillis} on (the pre-event part is video only unless audio is in the buffer [S1]), a
 * timed text track (3GPP tx3g, one cue a second: the GPS track) and container metadata, written as
 * MP4 {@code mdta} keys ({@code movflags use_metadata_tags}) so that any key reads back by name.
 */
public final class SegmentMuxer {

    /** One timed text sample: shown from {@code startMillis} for {@code durationMillis}. */
    public record Cue(long startMillis, long durationMillis, String text) {
    }

    /** What to write. {@code audio} may be null (no audio track); {@code videoStart} must be a keyframe. */
    public record Plan(PacketTrack video, int videoStart, int frames, PacketTrack audio, int audioStart,
                       long audioFromMillis, List<Cue> cues, Map<String, String> metadata) {
    }

    private static final int FPS = 30;
    private static final AVRational VIDEO_TB = av_make_q(1, FPS);
    private static final AVRational AUDIO_TB = av_make_q(1, ClipRenderer.SAMPLE_RATE);
    private static final AVRational TEXT_TB = av_make_q(1, 1000);

    private SegmentMuxer() {
    }

    /** Writes {@code plan} to {@code out} (replacing it); on failure nothing is left at {@code out}. */
    public static void write(Plan plan, Path out) throws IOException {
        Ffmpeg.init();
        if (!plan.video().keyframe(plan.videoStart())) {
            throw new IllegalArgumentException("a segment must start at a keyframe; packet " + plan.videoStart() + " is not one");
        }
        AVFormatContext oc = new AVFormatContext(null);
        Ffmpeg.check(avformat_alloc_output_context2(oc, null, "mp4", out.toString()), "creating the MP4 muxer");
        AVPacket pkt = av_packet_alloc();
        boolean opened = false;
        boolean done = false;
        try {
            AVStream vs = stream(oc, plan.video().parameters(), VIDEO_TB);
            AVStream as = plan.audio() == null ? null : stream(oc, plan.audio().parameters(), AUDIO_TB);
            AVStream ts = textStream(oc);
            AVDictionary meta = new AVDictionary(null);
            plan.metadata().forEach((k, v) -> av_dict_set(meta, k, v, 0));
            oc.metadata(meta);
            AVIOContext pb = new AVIOContext(null);
            Ffmpeg.check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "opening " + out);
            oc.pb(pb);
            opened = true;
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+use_metadata_tags", 0);
            try {
                Ffmpeg.check(avformat_write_header(oc, options), "writing the MP4 header");
            } finally {
                av_dict_free(options);
            }
            interleave(plan, oc, pkt, vs, as, ts);
            Ffmpeg.check(av_write_trailer(oc), "writing the MP4 index (moov)");
            done = true;
        } finally {
            av_packet_free(pkt);
            if (opened) {
                avio_closep(oc.pb());
            }
            avformat_free_context(oc);
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }

    /** Writes the three tracks in time order (the muxer interleaves what is left). */
    private static void interleave(Plan plan, AVFormatContext oc, AVPacket pkt, AVStream vs, AVStream as, AVStream ts)
            throws IOException {
        PacketTrack video = plan.video();
        PacketTrack audio = plan.audio();
        long durationMicros = plan.frames() * 1_000_000L / FPS;
        long audioSample = Math.round(plan.audioFromMillis() / 1000.0 * ClipRenderer.SAMPLE_RATE);
        long audioEnd = (long) plan.frames() * ClipRenderer.SAMPLE_RATE / FPS;
        int frame = 0;
        int audioIndex = plan.audioStart();
        int cue = 0;
        List<Cue> cues = plan.cues();
        while (true) {
            long vt = frame < plan.frames() ? frame * 1_000_000L / FPS : Long.MAX_VALUE;
            long at = audio != null && audio.size() > 0 && audioSample + ClipRenderer.AAC_FRAME <= audioEnd
                    ? audioSample * 1_000_000L / ClipRenderer.SAMPLE_RATE : Long.MAX_VALUE;
            long tt = cue < cues.size() && cues.get(cue).startMillis() * 1000 < durationMicros
                    ? cues.get(cue).startMillis() * 1000 : Long.MAX_VALUE;
            if (vt == Long.MAX_VALUE && at == Long.MAX_VALUE && tt == Long.MAX_VALUE) {
                return;
            }
            if (vt <= at && vt <= tt) {
                int i = (plan.videoStart() + frame) % video.size();
                copy(oc, pkt, video.packet(i), vs, frame, 1, VIDEO_TB);
                frame++;
            } else if (at <= tt) {
                int i = audioIndex % audio.size();
                copy(oc, pkt, audio.packet(i), as, audioSample, ClipRenderer.AAC_FRAME, AUDIO_TB);
                audioIndex++;
                audioSample += ClipRenderer.AAC_FRAME;
            } else {
                Cue c = cues.get(cue++);
                long length = Math.min(c.durationMillis(), durationMicros / 1000 - c.startMillis());
                text(oc, pkt, ts, c.startMillis(), Math.max(1, length), c.text());
            }
        }
    }

    private static void copy(AVFormatContext oc, AVPacket pkt, AVPacket from, AVStream to, long pts, long duration,
                             AVRational tb) throws IOException {
        Ffmpeg.check(av_packet_ref(pkt, from), "referencing a clip packet");
        pkt.pts(pts);
        pkt.dts(pts);
        pkt.duration(duration);
        pkt.pos(-1);
        pkt.stream_index(to.index());
        av_packet_rescale_ts(pkt, tb, to.time_base());
        Ffmpeg.check(av_interleaved_write_frame(oc, pkt), "writing a packet");
    }

    /** A tx3g sample: a 16-bit big-endian length and the UTF-8 text (3GPP TS 26.245, 5.17). */
    private static void text(AVFormatContext oc, AVPacket pkt, AVStream to, long startMillis, long durationMillis,
                             String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, 0xFFFF);
        Ffmpeg.check(av_new_packet(pkt, n + 2), "allocating a text packet");
        BytePointer data = pkt.data();
        data.put(0, (byte) (n >>> 8));
        data.put(1, (byte) n);
        data.position(2).put(utf8, 0, n);
        data.position(0);
        pkt.pts(startMillis);
        pkt.dts(startMillis);
        pkt.duration(durationMillis);
        pkt.flags(AV_PKT_FLAG_KEY);
        pkt.stream_index(to.index());
        av_packet_rescale_ts(pkt, TEXT_TB, to.time_base());
        Ffmpeg.check(av_interleaved_write_frame(oc, pkt), "writing a text packet");
    }

    private static AVStream stream(AVFormatContext oc, AVCodecParameters parameters, AVRational tb) throws IOException {
        AVStream s = avformat_new_stream(oc, null);
        if (s == null) {
            throw new IOException("cannot add a stream to the MP4");
        }
        Ffmpeg.check(avcodec_parameters_copy(s.codecpar(), parameters), "copying codec parameters");
        s.codecpar().codec_tag(0);
        s.time_base(tb);
        return s;
    }

    /** The GPS track: a 3GPP timed text stream (mov_text) with a default sample description. */
    private static AVStream textStream(AVFormatContext oc) throws IOException {
        AVStream s = avformat_new_stream(oc, null);
        if (s == null) {
            throw new IOException("cannot add the text stream to the MP4");
        }
        s.codecpar().codec_type(AVMEDIA_TYPE_SUBTITLE);
        s.codecpar().codec_id(AV_CODEC_ID_MOV_TEXT);
        byte[] entry = Tx3g.SAMPLE_ENTRY;
        BytePointer extra = new BytePointer(av_mallocz(entry.length + AV_INPUT_BUFFER_PADDING_SIZE));
        extra.put(entry, 0, entry.length);
        s.codecpar().extradata(extra);
        s.codecpar().extradata_size(entry.length);
        s.time_base(TEXT_TB);
        AVDictionary meta = new AVDictionary(null);
        av_dict_set(meta, "handler_name", "GPS track", 0);
        av_dict_set(meta, "language", "eng", 0);
        s.metadata(meta);
        return s;
    }
}
