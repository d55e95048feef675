package io.bodycam.sim.upload.s3;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.ReadBack;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.HashedGet;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.Pacer;
import io.bodycam.sim.upload.s3.internal.Multipart;
import io.bodycam.sim.upload.s3.internal.S3Requests;
import io.bodycam.sim.upload.s3.internal.S3UploadSession;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A camera's S3 client: uploads segments to one bucket (PutObject or multipart, resumable) and reads
 * stored objects back, signed with the camera's own credentials. One per camera; all its I/O runs on the
 * camera's event loop over one keep-alive connection, and every future completes there. Body pieces are
 * paced in virtual time; retries back off in virtual time; the request timeout is wall time. Failures
 * arrive as futures failed with an {@link UploadException}.
 */
public final class S3Client implements AutoCloseable {

    private final S3ClientConfig config;
    private final EventLoop loop;
    private final LoopTimers timers;
    private final HttpConnection connection;
    private final S3Requests requests;
    private final UploadPacer pacer;
    private final Backoff backoff;
    private final Map<String, Multipart> known = new HashMap<>();
    private final Map<String, S3UploadSession> active = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param deviceId    the camera, whose credentials {@link S3ClientConfig#credentials()} gives
     * @param agency      the camera's agency, for credential templates
     * @param signingTime real wall time for SigV4 dates (servers refuse a request more than 15 minutes off)
     * @param sharedLink  a site uplink shared with other cameras, on top of the configured rate
     */
    public S3Client(S3ClientConfig config, String deviceId, String agency, EventLoop loop, Transport transport,
                    Scheduler scheduler, RandomGenerator jitter, Clock signingTime, UploadPacer sharedLink) {
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(loop, "loop");
        Credentials credentials = config.credentials().forDevice(deviceId, agency);
        this.timers = new LoopTimers(Objects.requireNonNull(scheduler, "scheduler"), loop);
        this.connection = new HttpConnection(loop, transport.socketChannel(), config.connection().endpoint(),
                config.connection().requestTimeout(), config.connection().tls());
        this.requests = new S3Requests(config, credentials, Objects.requireNonNull(signingTime, "signingTime"));
        this.pacer = new Pacer(config.connection().rateLimit()).and(Objects.requireNonNull(sharedLink, "sharedLink"));
        this.backoff = new Backoff(config.connection().initialBackoff(), config.connection().maxBackoff(),
                Objects.requireNonNull(jitter, "jitter"));
    }

    public S3ClientConfig config() {
        return config;
    }

    /** The camera's event loop this client runs on. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Uploads (or resumes uploading) {@code source} as object {@code key}; {@code sha256} is its recorded
     * lower-case hex SHA-256. {@code link} paces the body (the dock's pacer, or the LTE radio's alone).
     */
    public CompletableFuture<S3Outcome> upload(String key, String sha256, ByteSource source, UploadPacer link) {
        return upload(key, sha256, source, link, ProgressListener.NONE);
    }

    /**
     * As {@link #upload(String, String, ByteSource, UploadPacer)}; {@code progress} hears, on the loop, the
     * bytes of the parts the server holds each time a part of a multipart upload completed (a PutObject,
     * for a source smaller than a part, tells it nothing).
     */
    public CompletableFuture<S3Outcome> upload(String key, String sha256, ByteSource source, UploadPacer link,
                                               ProgressListener progress) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        return timers.call(() -> {
            if (closed) {
                return CompletableFuture.failedFuture(new UploadException(Kind.CLOSED, "the client is closed"));
            }
            if (active.containsKey(key)) {
                return CompletableFuture.failedFuture(new IllegalStateException("an upload of '" + key
                        + "' is already running"));
            }
            S3UploadSession session = new S3UploadSession(key, sha256, source, config, requests, connection,
                    link == null ? pacer : link, progress, backoff, timers, known);
            active.put(key, session);
            return session.start().result().whenComplete((outcome, error) -> active.remove(key, session));
        });
    }

    /** GetObject of {@code key}, hashed as it arrives: what the read-back proof rests on. */
    public CompletableFuture<ReadBack> readBack(String key) {
        Objects.requireNonNull(key, "key");
        return timers.call(() -> HashedGet.fetch(connection, alloc -> requests.getObject(key)));
    }

    /** Stops the running upload of {@code key}, if any; its multipart upload is kept for a later resume. */
    public void cancel(String key) {
        timers.onLoop(() -> {
            S3UploadSession s = active.remove(key);
            if (s != null) {
                s.abort(new UploadException(Kind.CLOSED, "upload of '" + key + "' cancelled"));
            }
        });
    }

    /** Closes the connection once nothing is queued or in flight on it; the next request opens another. */
    public void disconnectIdle() {
        timers.onLoop(() -> {
            if (!closed) {
                connection.closeIfIdle();
            }
        });
    }

    /** The camera's network went away: every running request fails with {@link Kind#INTERRUPTED}. */
    public void interrupt(String reason) {
        timers.onLoop(() -> {
            if (!closed) {
                stopAll(new UploadException(Kind.INTERRUPTED, reason));
                connection.reset(new UploadException(Kind.INTERRUPTED, reason));
            }
        });
    }

    @Override
    public void close() {
        timers.onLoop(() -> {
            if (!closed) {
                closed = true;
                stopAll(new UploadException(Kind.CLOSED, "the client is closed"));
                connection.close();
            }
        });
    }

    private void stopAll(UploadException why) {
        List<S3UploadSession> running = List.copyOf(active.values());
        active.clear();
        running.forEach(s -> s.abort(why));
    }
}
