package io.bodycam.sim.upload.swift;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.ReadBack;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.HashedGet;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.Pacer;
import io.bodycam.sim.upload.swift.internal.SwiftAccount;
import io.bodycam.sim.upload.swift.internal.SwiftRequests;
import io.bodycam.sim.upload.swift.internal.SwiftUploadSession;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A camera's client for a Swift content destination speaking the Axis Body Worn Integration API: one
 * object PUT per clip in a container per recording, after auth and capability discovery, and a GET to
 * read a clip back. One per camera; its I/O runs on the camera's event loop (over one connection to the
 * auth endpoint and one to the storage URL it is given), every future completes there. Failures arrive
 * as futures failed with an {@link UploadException}; a {@code 507} from the store fails the upload with
 * status 507 and makes the client send nothing for {@link SwiftClientConfig#storageFullPause()}.
 */
public final class SwiftClient implements AutoCloseable {

    private final SwiftClientConfig config;
    private final EventLoop loop;
    private final Transport transport;
    private final LoopTimers timers;
    private final Credentials credentials;
    private final HttpConnection auth;
    private final Map<String, HttpConnection> connections = new LinkedHashMap<>();
    private final SwiftAccount account = new SwiftAccount();
    private final UploadPacer pacer;
    private final Backoff backoff;
    private final Map<String, SwiftUploadSession> active = new LinkedHashMap<>();
    private boolean closed;

    /** @param deviceId the camera, whose credentials {@link SwiftClientConfig#credentials()} gives */
    public SwiftClient(SwiftClientConfig config, String deviceId, String agency, EventLoop loop, Transport transport,
                       Scheduler scheduler, RandomGenerator jitter, UploadPacer sharedLink) {
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = config.credentials().forDevice(deviceId, agency);
        this.timers = new LoopTimers(Objects.requireNonNull(scheduler, "scheduler"), loop);
        this.auth = connection(config.connection().endpoint());
        this.pacer = new Pacer(config.connection().rateLimit()).and(Objects.requireNonNull(sharedLink, "sharedLink"));
        this.backoff = new Backoff(config.connection().initialBackoff(), config.connection().maxBackoff(),
                Objects.requireNonNull(jitter, "jitter"));
    }

    /** The camera's event loop this client runs on. */
    public EventLoop loop() {
        return loop;
    }

    /** What {@code System/Capabilities.json} said (empty until the first upload read it, or if it said nothing). */
    public CompletableFuture<Map<String, Boolean>> capabilities() {
        return timers.call(() -> CompletableFuture.completedFuture(account.capabilities()));
    }

    /** Uploads {@code source} as the clip; {@code link} paces the body (null: the dock's pacing). */
    public CompletableFuture<SwiftOutcome> upload(Clip clip, ByteSource source, String contentType, UploadPacer link) {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(source, "source");
        String key = clip.container() + "/" + clip.object();
        return timers.call(() -> {
            if (closed) {
                return CompletableFuture.failedFuture(new UploadException(Kind.CLOSED, "the client is closed"));
            }
            if (active.containsKey(key)) {
                return CompletableFuture.failedFuture(new IllegalStateException("an upload of '" + key
                        + "' is already running"));
            }
            SwiftUploadSession session = new SwiftUploadSession(clip, source, contentType, config, account, credentials,
                    auth, this::connection, link == null ? pacer : link, backoff, timers);
            active.put(key, session);
            return session.start().result().whenComplete((outcome, error) -> active.remove(key, session));
        });
    }

    /** A GET of the stored clip, hashed as it arrives (authenticated by the last token). */
    public CompletableFuture<ReadBack> readBack(String container, String object) {
        return timers.call(() -> {
            if (account.token() == null) {
                return CompletableFuture.failedFuture(new UploadException(Kind.REJECTED,
                        "not authenticated: nothing was uploaded over this client yet"));
            }
            return HashedGet.fetch(account.storage(), alloc -> SwiftRequests.get(account.storageUrl(), account.token(),
                    container, object));
        });
    }

    /** Stops the running upload of the clip, if any. */
    public void cancel(Clip clip) {
        timers.onLoop(() -> {
            SwiftUploadSession s = active.remove(clip.container() + "/" + clip.object());
            if (s != null) {
                s.abort(new UploadException(Kind.CLOSED, "upload of " + clip.object() + " cancelled"));
            }
        });
    }

    /** Closes the connection once nothing is queued or in flight on it; the next request opens another. */
    public void disconnectIdle() {
        timers.onLoop(() -> {
            if (!closed) {
                connections.values().forEach(HttpConnection::closeIfIdle);
            }
        });
    }

    /** The camera's network went away: every running request fails with {@link Kind#INTERRUPTED}. */
    public void interrupt(String reason) {
        timers.onLoop(() -> {
            if (!closed) {
                stopAll(new UploadException(Kind.INTERRUPTED, reason));
                connections.values().forEach(c -> c.reset(new UploadException(Kind.INTERRUPTED, reason)));
            }
        });
    }

    @Override
    public void close() {
        timers.onLoop(() -> {
            if (!closed) {
                closed = true;
                stopAll(new UploadException(Kind.CLOSED, "the client is closed"));
                connections.values().forEach(HttpConnection::close);
            }
        });
    }

    private HttpConnection connection(URI url) {
        boolean secure = ConnectionSettings.secure(url);
        String origin = url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getHost() + ":" + ConnectionSettings.port(url);
        return connections.computeIfAbsent(origin, k -> new HttpConnection(loop, transport.socketChannel(), url,
                config.connection().requestTimeout(), secure ? config.connection().tls() : null));
    }

    private void stopAll(UploadException why) {
        List<SwiftUploadSession> running = List.copyOf(active.values());
        active.clear();
        running.forEach(s -> s.abort(why));
    }
}
