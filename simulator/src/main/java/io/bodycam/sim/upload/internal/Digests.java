package io.bodycam.sim.upload.internal;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Digests of request and answer bodies: SHA-256 for proofs and checksums, MD5 where a protocol asks it (Swift ETags, S3 Content-MD5). */
public final class Digests {

    private Digests() {
    }

    /** A new digest of {@code algorithm} ({@code "SHA-256"}, {@code "SHA-1"}, {@code "MD5"}), which every Java platform has. */
    public static MessageDigest of(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    public static MessageDigest sha256() {
        return of("SHA-256");
    }

    /** Feeds the readable bytes of {@code body} to {@code digest} without moving its reader index. */
    public static void update(MessageDigest digest, ByteBuf body) {
        if (body.nioBufferCount() == 1) {
            digest.update(body.nioBuffer());
        } else {
            for (java.nio.ByteBuffer b : body.nioBuffers()) {
                digest.update(b);
            }
        }
    }

    /** The digest of {@code body}'s readable bytes with {@code algorithm}. */
    public static byte[] of(String algorithm, ByteBuf body) {
        MessageDigest d = of(algorithm);
        update(d, body);
        return d.digest();
    }

    /** A copy of {@code digest} in its current state (so a candidate can be thrown away). */
    public static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(digest.getAlgorithm() + " digests of the JDK can be cloned", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Lower-case hex to base64 (an S3 {@code x-amz-checksum-sha256} from a segment's recorded hex SHA-256). */
    public static String hexToBase64(String hex) {
        return base64(HexFormat.of().parseHex(hex));
    }
}
