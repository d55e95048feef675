package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.testing.TcpTap;
import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** A segment for link tests: seeded random bytes in memory, with the manifest a camera would have for them. */
record TestSegment(SegmentManifest manifest, byte[] bytes) implements SegmentSource {

    /** Segment {@code index} of recording {@code R-1} of {@code deviceId}: {@code length} bytes seeded by the index. */
    static TestSegment of(String deviceId, int index, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(31L * index + length).nextBytes(data);
        String id = deviceId + "-R00001-S" + String.format("%03d", index);
        SegmentManifest m = new SegmentManifest(deviceId, deviceId + "-R00001", id, index, 1_700_000_000_000L + index * 60_000L,
                1_700_000_060_000L + index * 60_000L, 0, 0, length, length, sha256Hex(data), "BUTTON", "uncategorized",
                false, true);
        return new TestSegment(m, data);
    }

    /** No amplification: {@code tap}'s server was sent at most 1.05 times the bytes of {@code segments}. */
    static void assertAtMostFivePercentOver(TcpTap tap, List<TestSegment> segments) {
        long recorded = segments.stream().mapToLong(TestSegment::length).sum();
        assertTrue(tap.upstreamBytes() <= recorded * 1.05, "the server was sent " + tap.upstreamBytes()
                + " bytes for " + recorded + " recorded (" + String.format("%.3f", tap.upstreamBytes() / (double) recorded)
                + "x)");
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public void read(long offset, int length, ByteBuf target) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        target.writeBytes(bytes, (int) offset, length);
    }

    @Override
    public String sha256() {
        return manifest.sha256();
    }
}
