package io.bodycam.sim.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The synthetic byte stream is a pure function of (seed, position), and stays the same from build to build. */
class SeededBytesTest {

    @Test
    void any_range_at_any_offset_reads_the_same_bytes_as_the_whole_stream() {
        long seed = 7;
        byte[] whole = new byte[4_096];
        SeededBytes.fill(seed, 0, whole, 0, whole.length);
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 0; t < 2_000; t++) {
            int from = random.nextInt(whole.length);
            int len = random.nextInt(whole.length - from + 1);
            int off = random.nextInt(9);
            byte[] dst = new byte[off + len + 3];
            SeededBytes.fill(seed, from, dst, off, len);
            assertArrayEquals(Arrays.copyOfRange(whole, from, from + len), Arrays.copyOfRange(dst, off, off + len),
                    "bytes " + from + " .. " + (from + len) + " at offset " + off);
            assertEquals(0, dst[dst.length - 1] | dst[dst.length - 2] | dst[dst.length - 3], "nothing written past the range");
        }
    }

    @Test
    void the_stream_of_a_seed_is_pinned_so_recorded_hashes_stay_valid() throws NoSuchAlgorithmException {
        byte[] first = new byte[4_096];
        SeededBytes.fill(42, 0, first, 0, first.length);
        assertEquals("1f9a4ff9ef47381cd1f023c8a16d49debdb2c64ec70ffa55c6c6b4f2e8bc466d",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
    }
}
