package io.bodycam.backend.http.internal;

import io.bodycam.sim.net.UriPath;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain web server's store, as the put profile's cameras use it: PUT or POST stores the body whole at the
 * request's path (201 when new, 204 when it replaced one), GET reads it back. A {@code Repr-Digest}
 * (RFC 9530) the request carries is checked against the body: a mismatch is 400 and nothing is stored. Every
 * answer to a stored body carries the {@code Repr-Digest} of what was kept.
 */
final class PutEndpoints {

    private static final String NAMESPACE = "put";
    /** RFC 9530, "Repr-Digest": {@code sha-256=:<base64>:} among the dictionary's members. */
    private static final Pattern SHA256 = Pattern.compile("sha-256=:([A-Za-z0-9+/=]*):");

    private final Backend backend;

    PutEndpoints(Backend backend) {
        this.backend = backend;
    }

    /** PUT or POST: the body becomes the object at the request's path once it has arrived whole. */
    RequestBody store(HttpRequest request, Channel channel) {
        String key = key(request.uri());
        Optional<String> declared;
        try {
            declared = declaredSha256(request.headers().get("Repr-Digest"));
        } catch (IllegalArgumentException e) {
            return FixedAnswer.afterBody(backend.answers().text(HttpResponseStatus.BAD_REQUEST, e.getMessage()),
                    backend.limits().maxPatchBody());
        }
        ObjectStore objects = backend.objects();
        return new ObjectReceiver(objects, objects.newFile(NAMESPACE, key), backend.limits().maxUploadSize(),
                backend.answers(), channel, r -> {
                    if (declared.isPresent() && !declared.get().equals(r.sha256Hex())) {
                        objects.delete(r.file().path());
                        return backend.answers().text(HttpResponseStatus.BAD_REQUEST, "the body's SHA-256 "
                                + r.sha256Hex() + " is not the one its Repr-Digest announced, " + declared.get()
                                + "; nothing was stored");
                    }
                    boolean replaced = objects.get(key).isPresent();
                    objects.put(key, new ObjectStore.StoredObject(r.file().path(), r.bytes(), r.md5Hex(), r.sha256Hex(),
                            Map.of()));
                    FullHttpResponse ok = backend.answers().empty(replaced ? HttpResponseStatus.NO_CONTENT
                            : HttpResponseStatus.CREATED);
                    ok.headers().set("Repr-Digest", reprDigest(r.sha256Hex()));
                    return ok;
                });
    }

    /** GET or HEAD of a stored object; empty when nothing is stored at the path. */
    Optional<RequestBody> read(String method, String uri) {
        return backend.objects().get(key(uri)).map(o -> {
            FullHttpResponse head = backend.answers().empty(HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                    .set("Repr-Digest", reprDigest(o.sha256Hex()));
            return FileAnswer.serve(backend, method, head, o.file(), o.size());
        });
    }

    private static String key(String uri) {
        return String.join("/", UriPath.segments(uri));
    }

    private static Optional<String> declaredSha256(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SHA256.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            byte[] digest = Base64.getDecoder().decode(m.group(1));
            if (digest.length != 32) {
                throw new IllegalArgumentException("Repr-Digest sha-256 must be 32 bytes, was " + digest.length);
            }
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Repr-Digest '" + header + "' is not sha-256=:<base64 of 32 bytes>: ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String reprDigest(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }
}
