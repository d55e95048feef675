package io.bodycam.sim.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.HttpReply;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.Pacer;
import io.bodycam.sim.upload.internal.TusRequests;
import io.bodycam.sim.upload.internal.TusUpload;
import io.bodycam.sim.upload.internal.HashedGet;
import io.bodycam.sim.upload.internal.UploadSession;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A camera's HTTP client for the evidence backend: resumable evidence upload over tus 1.0.0 (core,
 * creation, checksum), plus the contract's verify, time and config requests (docs/contract, "HTTP").
 *
 * <p>One per camera. All its I/O runs on the camera's event loop over one keep-alive connection, and
 * every returned future completes on that loop, so the camera may touch its state in the callbacks.
 * Methods may be called from any thread. Failures arrive as futures failed with an
 * {@link UploadException}. Chunks are paced in virtual time ({@link TusClientConfig#rateLimit()}),
 * retries back off in virtual time, the request timeout is wall time.
 *
 * <pre>{@code
 * TusClient client = new TusClient(config, loop, Transport.best(), clock.scheduler(loop), random);
 * client.upload(new UploadRequest(segmentId, metadata, source, sha256))
 *       .thenCompose(done -> client.verify(deviceId, segmentId))
 *       .thenAccept(v -> { if (v.confirms(sha256)) purge(segmentId); });
 * }</pre>
 */
public final class TusClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TusClientConfig config;
    private final EventLoop loop;
    private final TusRequests requests;
    private final HttpConnection connection;
    private final LoopTimers timers;
    private final UploadPacer pacer;
    private final Backoff backoff;
    private final Map<String, TusUpload> knownUploads = new HashMap<>();
    /** The server's answer to OPTIONS, asked once before the first upload; null until asked. */
    private CompletableFuture<TusCapabilities> capabilities;
    private final Map<String, UploadSession> active = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param loop      the camera's event loop; {@code transport} must be the one it was made by
     * @param scheduler virtual time for pacing, backoff and round trips (the camera's scheduler)
     * @param jitter    the camera's seeded random source, used for backoff jitter on the loop only
     */
    public TusClient(TusClientConfig config, EventLoop loop, Transport transport, Scheduler scheduler,
                     RandomGenerator jitter) {
        this(config, loop, transport, scheduler, jitter, UploadPacer.UNLIMITED);
    }

    /**
     * A client whose chunks also respect {@code sharedLink} (a site uplink shared by many cameras), on
     * top of the configured per-camera rate.
     */
    public TusClient(TusClientConfig config, EventLoop loop, Transport transport, Scheduler scheduler,
                     RandomGenerator jitter, UploadPacer sharedLink) {
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.requests = new TusRequests(config.endpoint());
        this.connection = new HttpConnection(loop, transport.socketChannel(), config.endpoint(),
                config.requestTimeout(), config.tls());
        this.timers = new LoopTimers(Objects.requireNonNull(scheduler, "scheduler"), loop);
        this.pacer = new Pacer(config.rateLimit()).and(Objects.requireNonNull(sharedLink, "sharedLink"));
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), Objects.requireNonNull(jitter));
    }

    /** The camera's event loop this client runs on, where every future it returns completes. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Uploads (or resumes uploading) one segment; completes when the server holds all of its bytes.
     * Whether they hash right is for {@link #verify} to say. At most one upload per key at a time.
     */
    public CompletableFuture<UploadOutcome> upload(UploadRequest request) {
        return upload(request, pacer);
    }

    /**
     * As {@link #upload(UploadRequest)}, over another link than the dock's: {@code link} alone paces the
     * chunks (a priority upload over LTE shares neither the dock's bandwidth nor the site uplink).
     */
    public CompletableFuture<UploadOutcome> upload(UploadRequest request, UploadPacer link) {
        return upload(request, Objects.requireNonNull(link, "link"), ProgressListener.NONE);
    }

    /**
     * As {@link #upload(UploadRequest, UploadPacer)} ({@code link} null: the dock's pacing, as
     * {@link #upload(UploadRequest)}); {@code progress} hears, on the loop, the offset the server answered
     * each time it accepted a chunk.
     */
    public CompletableFuture<UploadOutcome> upload(UploadRequest request, UploadPacer link, ProgressListener progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        UploadPacer paced = link == null ? pacer : link;
        return onLoop(() -> {
            if (closed) {
                return CompletableFuture.failedFuture(new UploadException(Kind.CLOSED, "the client is closed"));
            }
            if (active.containsKey(request.key())) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("an upload of '" + request.key() + "' is already running"));
            }
            UploadSession session = new UploadSession(request, config, requests, connection, paced, progress, backoff,
                    timers, knownUploads);
            active.put(request.key(), session);
            session.start(capabilities());
            return session.result().whenComplete((outcome, error) -> active.remove(request.key(), session));
        });
    }

    /**
     * What the server offers (tus 1.0.0, "OPTIONS"), asked once: a server that answers OPTIONS with
     * anything but 200 or 204 offers nothing beyond the core. If the request itself fails, this upload
     * goes without extensions and the next one asks again. Call on the loop.
     */
    private CompletableFuture<TusCapabilities> capabilities() {
        if (capabilities != null) {
            return capabilities;
        }
        CompletableFuture<TusCapabilities> asked = connection.send(alloc -> requests.options()).handle((reply, error) -> {
            if (error != null) {
                capabilities = null;
                return TusCapabilities.NONE;
            }
            return reply.status() == 200 || reply.status() == 204
                    ? TusCapabilities.parse(reply.header("Tus-Extension").orElse(null),
                            reply.header("Tus-Checksum-Algorithm").orElse(null))
                    : TusCapabilities.NONE;
        });
        capabilities = asked;
        return asked;
    }

    /**
     * Stops the running upload of {@code key}, if any: its future fails with {@link Kind#CLOSED}, the
     * upload URL is kept, so a later upload of the same key resumes from the server's offset.
     */
    public void cancel(String key) {
        Objects.requireNonNull(key, "key");
        timers.onLoop(() -> {
            UploadSession s = active.remove(key);
            if (s != null) {
                s.abort(new UploadException(Kind.CLOSED, "upload of '" + key + "' cancelled"));
            }
        });
    }

    /**
     * Bytes {@code offset .. offset + length - 1} of the resource at {@code rawPath} (below the endpoint,
     * percent-encoded), by a ranged GET paced like an upload chunk (the dock's link and the site's
     * uplink, in virtual time). The answer must be {@code 206} with the matching {@code Content-Range}
     * (or {@code 200} with exactly these bytes from offset 0); anything else fails the future.
     */
    public CompletableFuture<byte[]> download(String rawPath, long offset, int length) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is empty or negative");
        }
        return onLoop(() -> {
            CompletableFuture<byte[]> result = new CompletableFuture<>();
            long delay = pacer.reserve(timers.now(), length);
            timers.after(delay, () -> get(alloc -> requests.range(rawPath, offset, length),
                    reply -> rangeBody(reply, rawPath, offset, length)).whenComplete((bytes, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(bytes);
                        }
                    }));
            return result;
        });
    }

    private static byte[] rangeBody(HttpReply reply, String path, long offset, int length) throws UploadException {
        int status = reply.status();
        String expected = "bytes " + offset + "-" + (offset + length - 1) + "/";
        boolean partial = status == 206 && reply.header("Content-Range").map(r -> r.startsWith(expected)).orElse(false);
        boolean whole = status == 200 && offset == 0;
        if ((partial || whole) && reply.content().length == length) {
            return reply.content();
        }
        if (status >= 500) {
            throw new UploadException(Kind.SERVER_ERROR, status, "GET " + path + " answered " + status, null);
        }
        if (status == 206 || status == 200) {
            throw new UploadException(Kind.PROTOCOL_ERROR, status, "GET " + path + " for " + expected + " answered "
                    + reply.header("Content-Range").orElse("no Content-Range") + " with " + reply.content().length
                    + " bytes", null);
        }
        throw new UploadException(Kind.REJECTED, status, "GET " + path + " answered " + status + " "
                + firstLine(reply.body()), null);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /**
     * A finished upload fetched back from its upload URL and hashed as it arrives (servers such as
     * {@code @tus/server} serve a finished upload by {@code GET}); what the read-back proof rests on.
     */
    public CompletableFuture<ReadBack> readBack(URI uploadUrl) {
        Objects.requireNonNull(uploadUrl, "uploadUrl");
        return onLoop(() -> HashedGet.fetch(connection, alloc -> requests.download(uploadUrl)));
    }

    /** The backend's verdict on a segment ({@code GET /evidence/{deviceId}/{segmentId}}); 404 is UNKNOWN. */
    public CompletableFuture<Verification> verify(String deviceId, String segmentId) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(segmentId, "segmentId");
        return get(alloc -> requests.get("evidence", deviceId, segmentId), reply -> {
            if (reply.status() == 404) {
                return Verification.unknown(deviceId, segmentId);
            }
            JsonNode json = expectJson(reply);
            return new Verification(deviceId, segmentId, status(json.path("status").asText()),
                    json.path("recordingId").asText(""), json.path("sha256").asText(""),
                    json.path("bytes").asLong(), json.path("copies").asInt());
        });
    }

    /**
     * The server's clock ({@code GET /time}) and the round trip in virtual time, measured from when the
     * request is written (not while it waits behind an upload chunk).
     */
    public CompletableFuture<TimeSample> time() {
        long[] sentAt = new long[1];
        return get(alloc -> {
            sentAt[0] = timers.now();
            return requests.get("time");
        }, reply -> {
            JsonNode epoch = expectJson(reply).path("epochMillis");
            if (!epoch.canConvertToLong()) {
                throw new UploadException(Kind.PROTOCOL_ERROR, reply.status(),
                        "/time has no epochMillis: " + reply.body(), null);
            }
            long receivedAt = timers.now();
            return new TimeSample(config.serverClock().applyAsLong(epoch.asLong()), receivedAt - sentAt[0], receivedAt);
        });
    }

    /** The backend's configuration for a camera ({@code GET /devices/{deviceId}/config}). */
    public CompletableFuture<DeviceConfigResponse> config(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        return get(alloc -> requests.get("devices", deviceId, "config"), reply -> {
            JsonNode json = expectJson(reply);
            Map<String, String> values = new LinkedHashMap<>();
            json.path("config").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            JsonNode firmware = json.get("firmware");
            return new DeviceConfigResponse(json.path("version").asLong(), values,
                    firmware == null || firmware.isNull() ? null : firmware.toString());
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

    /**
     * The camera's network went away (a reboot, a power cut, the camera taken out of its dock): every
     * running upload and request fails at once with {@link Kind#INTERRUPTED} and the connection drops.
     * The client stays usable; the upload URLs it knows are kept, so a later upload of the same segment
     * resumes from the server's offset (tus 1.0.0, "Core Protocol").
     */
    public void interrupt(String reason) {
        Objects.requireNonNull(reason, "reason");
        timers.onLoop(() -> {
            if (!closed) {
                stopAll(new UploadException(Kind.INTERRUPTED, reason));
                connection.reset(new UploadException(Kind.INTERRUPTED, reason));
            }
        });
    }

    /** Fails whatever is running with {@link Kind#CLOSED} and closes the connection. */
    @Override
    public void close() {
        timers.onLoop(() -> {
            if (closed) {
                return;
            }
            closed = true;
            stopAll(new UploadException(Kind.CLOSED, "the client is closed"));
            connection.close();
        });
    }

    private void stopAll(UploadException why) {
        List<UploadSession> running = List.copyOf(active.values());
        active.clear();
        running.forEach(s -> s.abort(why));
    }

    @FunctionalInterface
    private interface ReplyReader<T> {
        T read(HttpReply reply) throws UploadException;
    }

    private <T> CompletableFuture<T> get(Function<ByteBufAllocator, FullHttpRequest> request,
                                         ReplyReader<T> reader) {
        return onLoop(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            connection.send(request).whenComplete((reply, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                    return;
                }
                try {
                    result.complete(reader.read(reply));
                } catch (UploadException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        });
    }

    private static JsonNode expectJson(HttpReply reply) throws UploadException {
        int status = reply.status();
        if (status >= 500) {
            throw new UploadException(Kind.SERVER_ERROR, status, "answered " + status + " " + reply.body(), null);
        }
        if (status != 200) {
            throw new UploadException(Kind.REJECTED, status, "answered " + status + " " + reply.body(), null);
        }
        try {
            JsonNode json = JSON.readTree(reply.body());
            if (json == null || !json.isObject()) {
                throw new UploadException(Kind.PROTOCOL_ERROR, status, "not a JSON object: " + reply.body(), null);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new UploadException(Kind.PROTOCOL_ERROR, status, "not JSON: " + reply.body(), e);
        }
    }

    private static Verification.Status status(String value) throws UploadException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "verified":
                return Verification.Status.VERIFIED;
            case "corrupt":
                return Verification.Status.CORRUPT;
            case "incomplete":
                return Verification.Status.INCOMPLETE;
            default:
                throw new UploadException(Kind.PROTOCOL_ERROR, 200, "unknown evidence status '" + value + "'", null);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
        return LoopTimers.call(loop, action);
    }
}
