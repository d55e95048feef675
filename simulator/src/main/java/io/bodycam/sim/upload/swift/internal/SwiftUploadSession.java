package io.bodycam.sim.upload.swift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.Credentials;
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
import io.bodycam.sim.upload.swift.Clip;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.bodycam.sim.upload.swift.SwiftOutcome;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One clip's upload to a Swift content destination, on the camera's loop: authenticate if there is no
 * token (and again after a 401), read {@code System/Capabilities.json} once per client, create the
 * recording's container once, then PUT the clip, streamed, hashing MD5 and SHA-256 on the way. The
 * store's {@code ETag} must be the MD5 of the bytes sent; if it is not, the clip is sent again.
 *
 * <p>The answers mean what the Axis Body Worn Integration API says: {@code 400} "can't store (and never
 * will be able to store)" the clip, so it is never retried (the outcome says refused); {@code 503} "try
 * again soon" (backoff); {@code 507} out of storage: the upload fails and the client sends nothing more
 * for a while. A broken connection, a timeout or another 5xx backs off and tries again; Swift has no
 * partial upload, so a clip cut in the middle goes again whole.
 */
public final class SwiftUploadSession extends RetryingTask<SwiftOutcome> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clip clip;
    private final ByteSource source;
    private final String contentType;
    private final SwiftClientConfig config;
    private final SwiftAccount account;
    private final Credentials credentials;
    private final HttpConnection auth;
    private final Function<URI, HttpConnection> connections;
    private final UploadPacer pacer;
    private final ChunkReader reader;
    private long bytesSent;
    private SourceBody body;

    public SwiftUploadSession(Clip clip, ByteSource source, String contentType, SwiftClientConfig config,
                              SwiftAccount account, Credentials credentials, HttpConnection auth,
                              Function<URI, HttpConnection> connections, UploadPacer pacer, Backoff backoff,
                              LoopTimers timers) {
        super(timers, backoff, config.connection().maxAttempts());
        this.clip = clip;
        this.source = source;
        this.contentType = contentType;
        this.config = config;
        this.account = account;
        this.credentials = credentials;
        this.auth = auth;
        this.connections = connections;
        this.pacer = pacer;
        this.reader = new ChunkReader(source, config.pieceSize(), ByteBufAllocator.DEFAULT, timers);
    }

    /** Starts the upload; the future completes on the loop. */
    public SwiftUploadSession start() {
        step();
        return this;
    }

    @Override
    protected String describe() {
        return "Swift upload of " + clip.container() + "/" + clip.object();
    }

    private void step() {
        if (timers.now() < account.pausedUntil) {
            fail(outOfStorage("the content destination said it is out of storage; nothing is sent until virtual "
                    + account.pausedUntil + " ms"));
        } else if (account.token == null) {
            authenticate();
        } else if (!account.capabilitiesRead) {
            readCapabilities();
        } else if (!account.containers.contains(clip.container())) {
            createContainer();
        } else {
            putObject();
        }
    }

    /** {@code GET /auth/v1.0}: the answer carries {@code X-Auth-Token} and {@code X-Storage-Url}. */
    private void authenticate() {
        String host = config.connection().hostHeader();
        String path = config.connection().basePath() + config.authPath();
        auth.send(alloc -> SwiftRequests.auth(host, path, credentials)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error, this::step);
                return;
            }
            Optional<String> token = reply.header("X-Auth-Token").or(() -> reply.header("X-Storage-Token"));
            Optional<String> storage = reply.header("X-Storage-Url");
            if ((reply.status() == 200 || reply.status() == 204) && token.isPresent() && storage.isPresent()) {
                try {
                    URI url = URI.create(storage.get());
                    account.storage = connections.apply(url);
                    account.storageUrl = url;
                    account.token = token.get();
                    progressed();
                    step();
                } catch (IllegalArgumentException e) {
                    fail(new UploadException(Kind.PROTOCOL_ERROR, reply.status(), "X-Storage-Url '" + storage.get()
                            + "' cannot be used: " + e.getMessage(), e));
                }
            } else if (reply.status() >= 500) {
                retryLater(rejected(reply, "auth"), this::step);
            } else if (reply.status() < 300) {
                fail(new UploadException(Kind.PROTOCOL_ERROR, reply.status(), "auth answered without X-Auth-Token "
                        + "and X-Storage-Url", null));
            } else {
                fail(rejected(reply, "auth"));
            }
        }));
    }

    /**
     * {@code GET System/Capabilities.json}, once per client. The API: "all capabilities are considered
     * unsupported if the object is missing or wrongly formatted", and its {@code ETag} "must" be the MD5
     * of the JSON ("object corrupt" otherwise).
     */
    private void readCapabilities() {
        account.storage.send(alloc -> SwiftRequests.get(account.storageUrl, account.token, "System",
                "Capabilities.json")).whenComplete(guarded((reply, error) -> {
                    if (error != null) {
                        retryLater(error, this::step);
                    } else if (reply.status() == 401) {
                        reauthenticate(reply);
                    } else if (reply.status() >= 500) {
                        retryLater(rejected(reply, "GET System/Capabilities.json"), this::step);
                    } else {
                        account.capabilities = reply.status() == 200 ? capabilities(reply) : Map.of();
                        account.capabilitiesRead = true;
                        step();
                    }
                }));
    }

    private static Map<String, Boolean> capabilities(HttpReply reply) {
        String etag = reply.header("ETag").map(SwiftUploadSession::unquote).orElse("");
        if (!etag.equalsIgnoreCase(Digests.hex(Digests.of("MD5").digest(reply.content())))) {
            return Map.of();
        }
        try {
            JsonNode json = JSON.readTree(reply.content());
            Map<String, Boolean> found = new HashMap<>();
            for (String group : List.of("Read", "Store", "StoreAndRead")) {
                json.path(group).properties().forEach(e -> found.merge(e.getKey(), e.getValue().asBoolean(false),
                        Boolean::logicalOr));
            }
            return Map.copyOf(found);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private void createContainer() {
        account.storage.send(alloc -> SwiftRequests.putContainer(account.storageUrl, account.token, clip.container(),
                clip.containerMeta())).whenComplete(guarded((reply, error) -> {
                    if (error != null) {
                        retryLater(error, this::step);
                    } else if (reply.status() == 201 || reply.status() == 202 || reply.status() == 204) {
                        account.containers.add(clip.container());
                        progressed();
                        step();
                    } else {
                        answered(reply, "PUT container " + clip.container());
                    }
                }));
    }

    private void putObject() {
        MessageDigest md5 = Digests.of("MD5");
        MessageDigest sha256 = Digests.sha256();
        body = new SourceBody(reader, clip.object(), 0, source.length(), config.pieceSize(), pacer, timers,
                List.of(md5, sha256));
        SourceBody b = body;
        account.storage.send(alloc -> SwiftRequests.putObject(account.storageUrl, account.token, clip.container(),
                clip.object(), contentType, clip.objectMeta()), b, null).whenComplete(guarded((reply, error) -> {
                    bytesSent += b.sent();
                    if (error != null) {
                        retryLater(error, this::step);
                    } else if (reply.status() == 201) {
                        stored(reply, Digests.hex(md5.digest()), Digests.hex(sha256.digest()));
                    } else if (reply.status() == 404) {
                        account.containers.remove(clip.container());
                        retryNow(rejected(reply, "PUT object"), this::step);
                    } else {
                        answered(reply, "PUT object " + clip.container() + "/" + clip.object());
                    }
                }));
    }

    private void stored(HttpReply reply, String md5Hex, String sha256Hex) {
        Optional<String> etag = reply.header("ETag").map(SwiftUploadSession::unquote);
        if (etag.isEmpty()) {
            finish(Optional.empty(), "the store answered 201 without an ETag", false);
        } else if (etag.get().equalsIgnoreCase(md5Hex)) {
            finish(Optional.of(sha256Hex), "the store's ETag is the MD5 of the bytes sent", false);
        } else {
            retryNow(new UploadException(Kind.REJECTED, 201, "the store's ETag " + etag.get() + " is not the MD5 "
                    + md5Hex + " of the bytes sent", null), this::step);
        }
    }

    /** What every request but auth does with a status it did not expect, as the API means it. */
    private void answered(HttpReply reply, String what) {
        int status = reply.status();
        if (status == 400) {
            finish(Optional.empty(), what + " answered 400: the content destination can never store it ("
                    + firstLine(reply) + ")", true);
        } else if (status == 401) {
            reauthenticate(reply);
        } else if (status == 507) {
            account.pausedUntil = timers.now() + config.storageFullPause().toMillis();
            fail(outOfStorage(what + " answered 507 Insufficient Storage: the content destination is out of space"));
        } else if (status >= 500) {
            retryLater(rejected(reply, what), this::step);
        } else {
            fail(rejected(reply, what));
        }
    }

    /** A 401: the token expired or was revoked; authenticate again (it costs an attempt). */
    private void reauthenticate(HttpReply reply) {
        account.token = null;
        retryNow(rejected(reply, "with the token"), this::step);
    }

    private void finish(Optional<String> vouched, String basis, boolean refused) {
        complete(new SwiftOutcome(clip.container(), clip.object(), bytesSent, attempts(), vouched, basis, refused));
    }

    @Override
    protected void released() {
        if (body != null) {
            body.close();
        }
        reader.close();
    }

    private static UploadException outOfStorage(String message) {
        return new UploadException(Kind.REJECTED, 507, message, null);
    }

    private static UploadException rejected(HttpReply reply, String what) {
        return new UploadException(reply.status() >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED, reply.status(),
                what + " answered " + reply.status() + " " + firstLine(reply), null);
    }

    private static String firstLine(HttpReply reply) {
        String body = reply.body().strip();
        int nl = body.indexOf('\n');
        String line = nl < 0 ? body : body.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
