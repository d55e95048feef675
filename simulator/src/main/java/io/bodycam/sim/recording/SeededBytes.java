package io.bodycam.sim.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An endless deterministic byte stream: byte {@code p} is a pure function of (seed, p), so any range can
 * be made again on demand instead of stored. Synthetic recordings ({@link CaptureStream}) and firmware
 * images are made of it.
 */
public final class SeededBytes {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Eight stream bytes in one store: a word's low byte comes first in the stream. */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SeededBytes() {
    }

    /** Writes the stream bytes at positions {@code [position, position + len)} into {@code dst[off..]}. */
    public static void fill(long seed, long position, byte[] dst, int off, int len) {
        int i = 0;
        long p = position;
        while (i < len) {
            long word = mix(seed + (p >>> 3) * GOLDEN);
            if ((p & 7) == 0 && len - i >= 8) {
                LONG_LE.set(dst, off + i, word);
                i += 8;
                p += 8;
                continue;
            }
            int shift = (int) (p & 7);
            int n = Math.min(8 - shift, len - i);
            word >>>= shift * 8;
            for (int k = 0; k < n; k++) {
                dst[off + i + k] = (byte) word;
                word >>>= 8;
            }
            i += n;
            p += n;
        }
    }

    /** SplitMix64's finaliser: a fast, well-mixed function of its input. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
