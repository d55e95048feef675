package io.bodycam.sim.video.internal;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

import java.io.IOException;

/**
 * The few things every use of FFmpeg here shares: its log is silenced once (docs/platform.md#javacv:
 * {@code av_log_set_level}; here down to fatal errors), and a negative return code becomes an
 * {@link IOException} naming the call and FFmpeg's own words for the error.
 */
public final class Ffmpeg {

    private static volatile boolean ready;

    private Ffmpeg() {
    }

    /** Loads the natives (unpacked to {@code ~/.javacpp} on first use) and quiets the log. */
    public static void init() {
        if (!ready) {
            synchronized (Ffmpeg.class) {
                if (!ready) {
                    // errors come back as return codes and are reported with the file they concern; at ERROR
                    // level FFmpeg would also print "moov atom not found" for every truncated file it is shown
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                    ready = true;
                }
            }
        }
    }

    /** Returns {@code code} when it is not negative, else throws with {@code what} and FFmpeg's message. */
    public static int check(int code, String what) throws IOException {
        if (code < 0) {
            throw new IOException(what + ": " + error(code));
        }
        return code;
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    public static String error(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            avutil.av_strerror(code, buf, 256);
            return buf.getString() + " (" + code + ")";
        }
    }
}
