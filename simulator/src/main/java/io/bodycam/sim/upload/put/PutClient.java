package io.bodycam.sim.upload.put;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.ReadBack;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.HashedGet;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.Pacer;
import io.bodycam.sim.upload.NameTemplate;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.EventLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A camera's client for a plain web server that takes each segment whole, by PUT or POST to a URL made
 * from the segment, with optional headers made from templates; it announces the segment's SHA-256 in
 * {@code Repr-Digest} (RFC 9530) and reads a segment back by GET from the same URL. One per camera; its
 * I/O runs on the camera's event loop and every future completes there. Not resumable: a cut upload is
 * sent again whole.
 */
public final class PutClient implements AutoCloseable {

    private final PutClientConfig config;
    private final String agency;
    private final String officer;
    private final EventLoop loop;
    private final LoopTimers timers;
    private final HttpConnection connection;
    private final UploadPacer pacer;
    private final Backoff backoff;
    private final Map<String, PutUploadSession> active = new LinkedHashMap<>();
    private boolean closed;

    public PutClient(PutClientConfig config, String agency, String officer, EventLoop loop, Transport transport,
                     Scheduler scheduler, RandomGenerator jitter, UploadPacer sharedLink) {
        this.config = Objects.requireNonNull(config, "config");
        this.agency = Objects.requireNonNull(agency, "agency");
        this.officer = Objects.requireNonNull(officer, "officer");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.timers = new LoopTimers(Objects.requireNonNull(scheduler, "scheduler"), loop);
        this.connection = new HttpConnection(loop, transport.socketChannel(), config.connection().endpoint(),
                config.connection().requestTimeout(), config.connection().tls());
        this.pacer = new Pacer(config.connection().rateLimit()).and(Objects.requireNonNull(sharedLink, "sharedLink"));
        this.backoff = new Backoff(config.connection().initialBackoff(), config.connection().maxBackoff(),
                Objects.requireNonNull(jitter, "jitter"));
    }

    public EventLoop loop() {
        return loop;
    }

    /** The URL path (percent-encoded, slashes kept) a segment goes to. */
    public String path(SegmentManifest s) {
        return config.path(NameTemplate.fields(s, agency, officer));
    }

    /** Sends the segment whole; {@code link} paces the body (null: the dock's pacing). */
    public CompletableFuture<PutOutcome> upload(SegmentManifest s, ByteSource source, UploadPacer link) {
        String path = path(s);
        Map<String, String> extra = new LinkedHashMap<>();
        config.headers().forEach((name, template) -> extra.put(name, template.expand(s, agency, officer)));
        return timers.call(() -> {
            if (closed) {
                return CompletableFuture.failedFuture(new UploadException(Kind.CLOSED, "the client is closed"));
            }
            if (active.containsKey(path)) {
                return CompletableFuture.failedFuture(new IllegalStateException("an upload to " + path
                        + " is already running"));
            }
            PutUploadSession session = new PutUploadSession(path, source, () -> head(path, s, extra), connection,
                    link == null ? pacer : link, config.pieceSize(), config.connection().maxAttempts(), backoff, timers);
            active.put(path, session);
            return session.start().result().whenComplete((outcome, error) -> active.remove(path, session));
        });
    }

    /** A GET of what was stored at {@code path}, hashed as it arrives, with the configured headers of {@code s}. */
    public CompletableFuture<ReadBack> readBack(String path, SegmentManifest s) {
        return timers.call(() -> HashedGet.fetch(connection, alloc -> {
            HttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            r.headers().set(HttpHeaderNames.HOST, config.connection().hostHeader())
                    .set(HttpHeaderNames.USER_AGENT, "bodycam-sim");
            config.headers().forEach((name, template) -> r.headers().set(name, template.expand(s, agency, officer)));
            return r;
        }));
    }

    private HttpRequest head(String path, SegmentManifest s, Map<String, String> extra) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(config.method().name()), path);
        r.headers().set(HttpHeaderNames.HOST, config.connection().hostHeader())
                .set(HttpHeaderNames.USER_AGENT, "bodycam-sim")
                .set(HttpHeaderNames.CONTENT_TYPE, s.mp4() ? "video/mp4" : "application/octet-stream")
                .set("Repr-Digest", PutUploadSession.reprDigestHeader(s.sha256()));
        extra.forEach((name, value) -> r.headers().set(name, value));
        return r;
    }

    /** Stops the running upload of {@code s}, if any. */
    public void cancel(SegmentManifest s) {
        String path = path(s);
        timers.onLoop(() -> {
            PutUploadSession session = active.remove(path);
            if (session != null) {
                session.abort(new UploadException(Kind.CLOSED, "upload to " + path + " cancelled"));
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
        List<PutUploadSession> running = List.copyOf(active.values());
        active.clear();
        running.forEach(s -> s.abort(why));
    }
}
