package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TusCapabilities;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.UploadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment's tus upload, from creation to the last chunk, as a state machine on the camera's loop:
 * POST (or HEAD when the upload URL is already known), then paced PATCH chunks. After a broken
 * connection, a timeout or a 5xx it backs off and asks HEAD for the offset (tus 1.0.0, "Core
 * Protocol": the client resumes from the server's offset); on 404/410 the upload is gone and is
 * created anew; 409 resyncs the offset by HEAD; 460 resends the chunk; any other 4xx fails it.
 * Retries follow {@link RetryingTask}; the upload stays in {@code knownUploads} until it completes, so
 * a later upload of the same key resumes.
 *
 * <p>Each chunk the server accepts is told to the session's {@link ProgressListener} with the offset the
 * server answered, on the loop.
 *
 * <p>When the server offers a checksum algorithm, every PATCH carries {@code Upload-Checksum}, and the
 * session keeps a running SHA-256 of the bytes the server accepted with their checksum checked; it ends
 * in the outcome when that covers the whole upload.
 *
 * <p>An in-memory or regenerated source is read inline when its chunk's request goes out. A
 * {@link io.bodycam.sim.recording.ByteSource#deferred() deferred} source (a file) is read off the loop, one
 * chunk ahead ({@link ChunkReader}); a chunk read but not yet handed to the connection is released if
 * the upload ends first. A chunk that cannot be read fails the upload with {@link Kind#READ_FAILED}.
 */
public final class UploadSession extends RetryingTask<UploadOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSession.class);

    private final UploadRequest request;
    private final long length;
    private final String metadataHeader;
    private final TusClientConfig config;
    private final TusRequests requests;
    private final HttpConnection connection;
    private final UploadPacer pacer;
    private final ProgressListener progress;
    private final Map<String, TusUpload> knownUploads;
    /** The tus name of the Upload-Checksum algorithm, or null when the server offers none. */
    private String checksum;
    /** Reads a deferred source's chunks ahead; null for a source read inline. */
    private final ChunkReader chunks;
    private final List<Long> resumedFrom = new ArrayList<>();
    private TusUpload upload;
    private long offset;
    private long bytesSent;
    /** The running checked digest with the chunk in flight added, taken when the server accepts it whole. */
    private MessageDigest candidate;
    /** A chunk of a deferred source, read and waiting to go out (its pacing delay, the connection). */
    private ByteBuf ready;

    public UploadSession(UploadRequest request, TusClientConfig config, TusRequests requests,
                         HttpConnection connection, UploadPacer pacer, ProgressListener progress, Backoff backoff,
                         LoopTimers timers, Map<String, TusUpload> knownUploads) {
        super(timers, backoff, config.maxAttempts());
        this.request = request;
        this.length = request.source().length();
        this.metadataHeader = TusRequests.encodeMetadata(request.metadata());
        this.config = config;
        this.requests = requests;
        this.connection = connection;
        this.pacer = pacer;
        this.progress = progress;
        this.knownUploads = knownUploads;
        this.upload = knownUploads.get(request.key());
        this.chunks = request.source().deferred()
                ? new ChunkReader(request.source(), config.chunkSize(), ByteBufAllocator.DEFAULT, timers) : null;
    }

    /**
     * Starts (or resumes) the upload once the server's capabilities are known (they choose the
     * checksum); the future completes on the loop.
     */
    public void start(CompletionStage<TusCapabilities> offered) {
        offered.whenComplete(guarded((capabilities, error) -> {
            checksum = capabilities == null ? null : capabilities.checksum().orElse(null);
            if (upload != null) {
                askOffset();
            } else {
                create();
            }
        }));
    }

    @Override
    protected String describe() {
        return "upload of " + request.key() + " at offset " + offset;
    }

    private void create() {
        connection.send(alloc -> requests.creation(length, metadataHeader)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retry(error);
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
            upload = new TusUpload(requests.creationUrl().resolve(location));
        } catch (IllegalArgumentException e) {
            fail(new UploadException(Kind.PROTOCOL_ERROR, 201, "Location '" + location + "' is not a URL", e));
            return;
        }
        knownUploads.put(request.key(), upload);
        offset = 0;
        sendNextChunk();
    }

    private void askOffset() {
        TusUpload u = upload;
        connection.send(alloc -> requests.offset(u.url)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retry(error);
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
            forget();
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
            finished();
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
        later(pacer.reserve(timers.now(), n), () -> patch(n));
    }

    private void patch(int n) {
        long at = offset;
        TusUpload u = upload;
        connection.send(alloc -> {
            ByteBuf body = chunks != null ? takeReady() : alloc.buffer(n);
            try {
                if (chunks == null) {
                    readInline(at, n, body);
                }
                FullHttpRequest r = requests.chunk(u.url, at, body, checksumHeader(u, at, body));
                bytesSent += n;
                return r;
            } catch (RuntimeException e) {
                body.release();
                throw e;
            }
        }).whenComplete((reply, error) -> releaseReady()).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retry(error);
            } else if (reply.status() == 204 || reply.status() == 200) {
                long newOffset = parseOffset(reply);
                if (newOffset >= 0) {
                    accepted(u, at, newOffset, n);
                    progressed();
                    sendNextChunk();
                }
            } else if (reply.status() == 460) {
                retryNow(rejected(reply, "PATCH"), this::sendNextChunk);
            } else {
                unexpected(reply, "PATCH");
            }
        }));
    }

    /**
     * The {@code Upload-Checksum} value of a chunk ("the name of the used checksum algorithm and the
     * Base64 encoded checksum separated by a space"), or null when the server offers none. A chunk that
     * continues the checked bytes also feeds a candidate of their running SHA-256.
     */
    private String checksumHeader(TusUpload u, long at, ByteBuf body) {
        candidate = null;
        if (checksum == null) {
            return null;
        }
        if (at == u.checkedThrough) {
            candidate = Digests.copy(u.checked);
            Digests.update(candidate, body);
        }
        return checksum + " " + Digests.base64(Digests.of(TusCapabilities.javaName(checksum), body));
    }

    /**
     * The server took the chunk: when whole and checksummed, its bytes join the checked ones; the
     * progress listener hears the offset the server answered.
     */
    private void accepted(TusUpload u, long at, long newOffset, int n) {
        if (candidate != null && newOffset == at + n) {
            u.checked = candidate;
            u.checkedThrough = newOffset;
        }
        candidate = null;
        offset = newOffset;
        progress.committed(newOffset, length);
    }

    private void unexpected(HttpReply reply, String what) {
        int status = reply.status();
        if (status >= 500) {
            retry(new UploadException(Kind.SERVER_ERROR, status, what + " answered " + status + " "
                    + reply.body(), null));
        } else if ((status == 404 || status == 410) && upload != null) {
            forget();
            retryNow(rejected(reply, what), this::create);
        } else if (status == 409 && upload != null) {
            retryNow(rejected(reply, what), this::askOffset);
        } else {
            forget();
            fail(rejected(reply, what));
        }
    }

    private static UploadException rejected(HttpReply reply, String what) {
        return new UploadException(Kind.REJECTED, reply.status(), what + " answered " + reply.status() + " "
                + reply.body(), null);
    }

    private void retry(Throwable error) {
        LOG.debug("upload of {} failed at offset {} ({}); retrying", request.key(), offset, error);
        retryLater(error, () -> {
            if (upload != null) {
                askOffset();
            } else {
                create();
            }
        });
    }

    private void forget() {
        knownUploads.remove(request.key());
        upload = null;
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

    private void finished() {
        TusUpload u = upload;
        knownUploads.remove(request.key());
        Optional<String> checked = u.checkedThrough == length
                ? Optional.of(Digests.hex(u.checked.digest())) : Optional.empty();
        complete(new UploadOutcome(request.key(), u.url, length, bytesSent, attempts(), resumedFrom, checked));
    }

    @Override
    protected void released() {
        releaseReady();
        if (chunks != null) {
            chunks.close();
        }
    }
}
