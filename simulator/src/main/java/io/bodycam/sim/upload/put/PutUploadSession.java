package io.bodycam.sim.upload.put;

import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.ChunkReader;
import io.bodycam.sim.upload.internal.Digests;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.HttpReply;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.RetryingTask;
import io.bodycam.sim.upload.internal.SourceBody;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment sent whole in one request: the body streams from the source; a broken connection, a
 * timeout or a 5xx backs off and sends it again from the start (a plain web server keeps no partial
 * upload); 200, 201 or 204 completes it; any other answer fails it.
 */
final class PutUploadSession extends RetryingTask<PutOutcome> {

    /** RFC 9530 {@code Repr-Digest: sha-256=:<base64>:}. */
    private static final Pattern SHA256 = Pattern.compile("sha-256=:([A-Za-z0-9+/=]+):");

    private final String path;
    private final ByteSource source;
    private final Supplier<HttpRequest> head;
    private final HttpConnection connection;
    private final UploadPacer pacer;
    private final int pieceSize;
    private final ChunkReader reader;
    private long bytesSent;
    private SourceBody body;

    PutUploadSession(String path, ByteSource source, Supplier<HttpRequest> head, HttpConnection connection,
                     UploadPacer pacer, int pieceSize, int maxAttempts, Backoff backoff, LoopTimers timers) {
        super(timers, backoff, maxAttempts);
        this.path = path;
        this.source = source;
        this.head = head;
        this.connection = connection;
        this.pacer = pacer;
        this.pieceSize = pieceSize;
        this.reader = new ChunkReader(source, pieceSize, ByteBufAllocator.DEFAULT, timers);
    }

    PutUploadSession start() {
        send();
        return this;
    }

    @Override
    protected String describe() {
        return "upload of " + path;
    }

    private void send() {
        body = new SourceBody(reader, path, 0, source.length(), pieceSize, pacer, timers, List.of());
        SourceBody b = body;
        connection.send(alloc -> head.get(), b, null).whenComplete(guarded((reply, error) -> {
            bytesSent += b.sent();
            int status = reply == null ? 0 : reply.status();
            if (error != null) {
                retryLater(error, this::send);
            } else if (status == 200 || status == 201 || status == 204) {
                complete(new PutOutcome(path, status, bytesSent, attempts(), reprDigest(reply)));
            } else if (status >= 500) {
                retryLater(new UploadException(Kind.SERVER_ERROR, status, path + " answered " + status, null), this::send);
            } else {
                fail(new UploadException(Kind.REJECTED, status, path + " answered " + status + " "
                        + reply.body().strip(), null));
            }
        }));
    }

    private static Optional<String> reprDigest(HttpReply reply) {
        return reply.header("Repr-Digest").or(() -> reply.header("Content-Digest")).map(SHA256::matcher)
                .filter(Matcher::find).map(m -> HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1))));
    }

    @Override
    protected void released() {
        if (body != null) {
            body.close();
        }
        reader.close();
    }

    /** The {@code Repr-Digest} value announcing {@code sha256Hex}. */
    static String reprDigestHeader(String sha256Hex) {
        return "sha-256=:" + Digests.hexToBase64(sha256Hex) + ":";
    }
}
