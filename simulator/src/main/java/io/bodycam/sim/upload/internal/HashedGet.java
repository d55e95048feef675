package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.ReadBack;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpRequest;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A GET whose {@code 200} body is hashed piece by piece as it arrives, so that reading back a 150 MB
 * segment costs a digest, not a buffer.
 */
public final class HashedGet {

    private HashedGet() {
    }

    /** GETs what {@code request} asks for over {@code connection}; call on its loop. */
    public static CompletableFuture<ReadBack> fetch(HttpConnection connection,
                                                    Function<ByteBufAllocator, ? extends HttpRequest> request) {
        MessageDigest digest = Digests.sha256();
        long[] count = new long[1];
        return connection.send(request, null, (status, headers) -> status != 200 ? null : piece -> {
            Digests.update(digest, piece);
            count[0] += piece.readableBytes();
        }).thenApply(reply -> reply.status() == 200
                ? new ReadBack(200, count[0], Digests.hex(digest.digest()), "")
                : new ReadBack(reply.status(), 0, "", firstLine(reply.body())));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
