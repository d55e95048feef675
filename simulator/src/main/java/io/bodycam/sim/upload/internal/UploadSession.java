package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.UploadPacer;

import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment's tus upload, from creation to the last chunk, as a state machine on the camera's loop:
 * POST (or HEAD when the upload URL is already known), then paced PATCH chunks. After a broken
 * connection, a timeout or a 5xx it backs off and asks HEAD for the offset (tus 1.0.0, "Core
 * Protocol": the client resumes from the server's offset); on 404/410 the upload is gone and is
 * created anew; 409 resyncs the offset by HEAD; 460 resends the chunk; any other 4xx fails it.
 *
 * <p>Every failed request uses one attempt; {@code maxAttempts} failures in a row without a committed
 * chunk in between give up. The upload URL stays in {@code knownUploads} until the upload completes,
 * so a later upload of the same key resumes.
 *
 * <p>An in-memory or regenerated source is read inline when its chunk's request goes out. A
 * {@link io.bodycam.sim.upload.ByteSource#deferred() deferred} source (a file) is read off the loop, one
 * chunk ahead ({@link ChunkReader}); a chunk read but not yet handed to the connection is released if
 * the upload ends first. A chunk that cannot be read fails the upload with {@link Kind#READ_FAILED}.
 */
public final class UploadSession {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSession.class);

    private final UploadRequest request;
    private final long length;
    private final String metadataHeader;
    private final TusClientConfig config;
    private final TusRequests requests;
    private final HttpConnection connection;
    private final UploadPacer pacer;
    private final Backoff backoff;
    private final LoopTimers timers;
    private final Map<String, URI> knownUploads;
    /** Reads a deferred source's chunks ahead; null for a source read inline. */
    private final ChunkReader chunks;
    private final CompletableFuture<UploadOutcome> result = new CompletableFuture<>();
    private final List<Long> resumedFrom = new ArrayList<>();
    private URI uploadUrl;
    private long offset;
    private long bytesSent;
    private int attempts = 1;
    private int failuresInRow;
    private Timer timer = Timer.NONE;
    /** A chunk of a deferred source, read and waiting to go out (its pacing delay, the connection). */
    private ByteBuf ready;

    public UploadSession(UploadRequest request, TusClientConfig config, TusRequests requests,
                         HttpConnection connection, UploadPacer pacer, Backoff backoff, LoopTimers timers,
                         Map<String, URI> knownUploads) {
        this.request = request;
        this.length = request.source().length();
        this.metadataHeader = TusRequests.encodeMetadata(request.metadata());
        this.config = config;
        this.requests = requests;
        this.connection = connection;
        this.pacer = pacer;
        this.backoff = backoff;
        this.timers = timers;
        this.knownUploads = knownUploads;
        this.uploadUrl = knownUploads.get(request.key());
        this.chunks = request.source().deferred()
                ? new ChunkReader(request.source(), config.chunkSize(), ByteBufAllocator.DEFAULT, timers) : null;
    }

    /** Starts (or resumes) the upload; the future completes on the loop. */
    public CompletableFuture<UploadOutcome> start() {
        if (uploadUrl != null) {
            askOffset();
        } else {
            create();
        }
        return result;
    }

    /** Stops at once, failing the future with {@code why}; the upload URL is kept for a later resume. */
    public void abort(UploadException why) {
        fail(why);
    }

    private void create() {
        connection.send(alloc -> requests.creation(length, metadataHeader)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error);
            } else if (reply.status() == 201) {
                created(reply);
            } else {
                unexpected(reply, "creation");
            }
        }));
    }

    private void created(HttpReply reply) {
        String location = reply.header("Location").orElse(null);
        if (location == null) {
            fail(new UploadException(Kind.PROTOCOL_ERROR, 201, "201 Created without a Location header", null));
            return;
        }
        try {
            uploadUrl = requests.creationUrl().resolve(location);
        } catch (IllegalArgumentException e) {
            fail(new UploadException(Kind.PROTOCOL_ERROR, 201, "Location '" + location + "' is not a URL", e));
            return;
        }
        knownUploads.put(request.key(), uploadUrl);
        offset = 0;
        sendNextChunk();
    }

    private void askOffset() {
        URI url = uploadUrl;
        connection.send(alloc -> requests.offset(url)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error);
            } else if (reply.status() == 200 || reply.status() == 204) {
                resumeAt(reply);
            } else {
                unexpected(reply, "HEAD");
            }
        }));
    }

    /**
     * tus 1.0.0, "HEAD": "The Server MUST always include the Upload-Offset header in the response". A
     * remembered upload of another length belongs to other bytes under the same key: start afresh.
     */
    private void resumeAt(HttpReply reply) {
        String serverLength = reply.header("Upload-Length").orElse(Long.toString(length));
        if (!serverLength.equals(Long.toString(length))) {
            knownUploads.remove(request.key());
            uploadUrl = null;
            create();
            return;
        }
        long serverOffset = parseOffset(reply);
        if (serverOffset < 0) {
            return;
        }
        offset = serverOffset;
        resumedFrom.add(serverOffset);
        sendNextChunk();
    }

    private void sendNextChunk() {
        if (offset == length) {
            complete();
            return;
        }
        int n = (int) Math.min(config.chunkSize(), length - offset);
        if (chunks == null) {
            paced(n);
            return;
        }
        long at = offset;
        chunks.take(at, n, (body, error) -> {
            if (done()) {
                if (body != null) {
                    body.release();
                }
            } else if (error != null) {
                fail(readFailed(at, n, error));
            } else {
                ready = body;
                paced(n);
            }
        });
    }

    /** Sends the next chunk once the link's pacing allows. */
    private void paced(int n) {
        long delay = pacer.reserve(timers.now(), n);
        if (delay > 0) {
            timer = timers.after(delay, () -> {
                if (!done()) {
                    patch(n);
                }
            });
        } else {
            patch(n);
        }
    }

    private void patch(int n) {
        long at = offset;
        URI url = uploadUrl;
        connection.send(alloc -> {
            ByteBuf body = chunks != null ? takeReady() : alloc.buffer(n);
            try {
                if (chunks == null) {
                    readInline(at, n, body);
                }
                FullHttpRequest r = requests.chunk(url, at, body, sha256Base64(body));
                bytesSent += n;
                return r;
            } catch (RuntimeException e) {
                body.release();
                throw e;
            }
        }).whenComplete((reply, error) -> releaseReady()).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error);
            } else if (reply.status() == 204 || reply.status() == 200) {
                long newOffset = parseOffset(reply);
                if (newOffset >= 0) {
                    offset = newOffset;
                    failuresInRow = 0;
                    sendNextChunk();
                }
            } else if (reply.status() == 460) {
                retryNow(reply, this::sendNextChunk);
            } else {
                unexpected(reply, "PATCH");
            }
        }));
    }

    private void unexpected(HttpReply reply, String what) {
        int status = reply.status();
        if (status >= 500) {
            retryLater(new UploadException(Kind.SERVER_ERROR, status, what + " answered " + status + " "
                    + reply.body(), null));
        } else if ((status == 404 || status == 410) && uploadUrl != null) {
            knownUploads.remove(request.key());
            uploadUrl = null;
            retryNow(reply, this::create);
        } else if (status == 409 && uploadUrl != null) {
            retryNow(reply, this::askOffset);
        } else {
            knownUploads.remove(request.key());
            fail(new UploadException(Kind.REJECTED, status, what + " answered " + status + " " + reply.body(), null));
        }
    }

    private void retryNow(HttpReply reply, Runnable next) {
        if (useAttempt(new UploadException(Kind.REJECTED, reply.status(), "answered " + reply.status(), null))) {
            next.run();
        }
    }

    private void retryLater(Throwable error) {
        if (!useAttempt(error)) {
            return;
        }
        long delay = backoff.delayMillis(failuresInRow);
        LOG.debug("upload of {} failed at offset {} ({}); retrying in {} virtual ms", request.key(), offset,
                error, delay);
        timer = timers.after(delay, () -> {
            if (done()) {
                return;
            }
            if (uploadUrl != null) {
                askOffset();
            } else {
                create();
            }
        });
    }

    private void readInline(long at, int n, ByteBuf body) {
        try {
            request.source().read(at, n, body);
        } catch (RuntimeException e) {
            throw new CompletionException(readFailed(at, n, e));
        }
    }

    private UploadException readFailed(long at, int n, Throwable error) {
        Throwable cause = unwrap(error);
        return new UploadException(Kind.READ_FAILED, 0, "cannot read bytes " + at + ".." + (at + n) + " of "
                + request.key() + ": " + cause.getMessage(), cause);
    }

    private ByteBuf takeReady() {
        ByteBuf body = ready;
        ready = null;
        return body;
    }

    /** Releases a chunk read but never sent: its request failed before it was built, or the upload ended. */
    private void releaseReady() {
        if (ready != null) {
            takeReady().release();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private boolean useAttempt(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof UploadException u && (u.kind() == Kind.CLOSED || u.kind() == Kind.READ_FAILED)) {
            fail(u);
            return false;
        }
        if (!(cause instanceof UploadException)) {
            fail(cause);
            return false;
        }
        failuresInRow++;
        if (failuresInRow >= config.maxAttempts()) {
            int status = ((UploadException) cause).status().orElse(0);
            fail(new UploadException(Kind.GAVE_UP, status, "upload of " + request.key() + " failed "
                    + failuresInRow + " times in a row at offset " + offset, cause));
            return false;
        }
        attempts++;
        return true;
    }

    private long parseOffset(HttpReply reply) {
        String header = reply.header("Upload-Offset").orElse("");
        try {
            long value = Long.parseLong(header);
            if (value >= 0 && value <= length) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail(new UploadException(Kind.PROTOCOL_ERROR, reply.status(),
                "Upload-Offset '" + header + "' is not an offset in 0.." + length, null));
        return -1;
    }

    private void complete() {
        knownUploads.remove(request.key());
        stop();
        result.complete(new UploadOutcome(request.key(), uploadUrl, length, bytesSent, attempts, resumedFrom));
    }

    private void fail(Throwable why) {
        stop();
        result.completeExceptionally(why);
    }

    /** Cancels the pending timer and lets go of every chunk read for a request that will not be sent. */
    private void stop() {
        timer.cancel();
        releaseReady();
        if (chunks != null) {
            chunks.close();
        }
    }

    private boolean done() {
        return result.isDone();
    }

    /**
     * Runs an answer's handler unless the upload is already over; a bug that throws fails the upload
     * instead of vanishing inside the future chain.
     */
    private BiConsumer<HttpReply, Throwable> guarded(BiConsumer<HttpReply, Throwable> handler) {
        return (reply, error) -> {
            if (done()) {
                return;
            }
            try {
                handler.accept(reply, error);
            } catch (RuntimeException e) {
                fail(e);
            }
        };
    }

    private static String sha256Base64(ByteBuf body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body.nioBuffer());
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
