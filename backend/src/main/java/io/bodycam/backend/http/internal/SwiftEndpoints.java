package io.bodycam.backend.http.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Swift subset of the Axis Body Worn Integration API (docs/upload-protocols.md): TempAuth-like
 * {@code GET <authPath>} that gives any user with a key a token and the storage URL
 * {@code <scheme>://<Host>/v1/AUTH_<account>} (from the request's {@code Host}, so a relay or fault proxy in
 * front stays in the path), container PUT (201 new, 202 updated) and HEAD with its {@code X-Container-Meta-*},
 * and object PUT (201 with {@code ETag}, the MD5 of the body; 404 when the container is missing; 422 when an
 * {@code ETag} the request sent is not the body's MD5), GET and HEAD. {@code GET System/Capabilities.json}
 * is a plain object GET: 404 until someone stores one, which means "no capabilities".
 */
final class SwiftEndpoints {

    private static final String NAMESPACE = "swift";

    private final Backend backend;
    private final boolean https;
    /** Account of each token handed out. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Metadata of each container, by account/container. */
    private final Map<String, Map<String, String>> containers = new ConcurrentHashMap<>();

    SwiftEndpoints(Backend backend) {
        this.backend = backend;
        this.https = backend.limits().tls() != null;
    }

    /** {@code GET <authPath>} with {@code X-Auth-User} and {@code X-Auth-Key} (or the {@code X-Storage-*} pair). */
    FullHttpResponse auth(HttpRequest request) {
        String user = first(request, "X-Auth-User", "X-Storage-User");
        String key = first(request, "X-Auth-Key", "X-Storage-Pass");
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (user == null || user.isBlank() || key == null || key.isEmpty()) {
            return backend.answers().text(HttpResponseStatus.UNAUTHORIZED, "auth needs X-Auth-User and X-Auth-Key");
        }
        if (host == null || host.isBlank()) {
            return backend.answers().text(HttpResponseStatus.BAD_REQUEST, "auth needs a Host header to build the storage URL on");
        }
        int colon = user.indexOf(':');
        String account = "AUTH_" + (colon < 0 ? user : user.substring(0, colon)).replaceAll("[^A-Za-z0-9_-]", "_");
        String token = "AUTH_tk" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, account);
        FullHttpResponse ok = backend.answers().empty(HttpResponseStatus.OK);
        ok.headers().set("X-Auth-Token", token).set("X-Storage-Token", token)
                .set("X-Storage-Url", (https ? "https" : "http") + "://" + host.strip() + "/v1/" + account);
        return ok;
    }

    /** A request below {@code /v1/}: {@code path} is [v1, account, container, object path elements ...]. */
    RequestBody storage(HttpRequest request, String method, List<String> path, Channel channel) {
        String token = request.headers().get("X-Auth-Token");
        if (path.size() < 3) {
            return answer(backend.answers().text(HttpResponseStatus.NOT_FOUND, "accounts are not listed here; "
                    + "use a container or an object below " + String.join("/", path)));
        }
        if (token == null || !path.get(1).equals(tokens.get(token))) {
            return answer(backend.answers().text(HttpResponseStatus.UNAUTHORIZED, "no valid X-Auth-Token for " + path.get(1)));
        }
        String container = path.get(1) + "/" + path.get(2);
        if (path.size() == 3) {
            return switch (method) {
                case "PUT" -> answer(createContainer(request, container));
                case "HEAD" -> answer(headContainer(container));
                default -> notAllowed("PUT, HEAD");
            };
        }
        String key = container + "/" + String.join("/", path.subList(3, path.size()));
        switch (method) {
            case "PUT":
                return containers.containsKey(container) ? putObject(request, key, channel)
                        : answer(backend.answers().text(HttpResponseStatus.NOT_FOUND, "no container " + path.get(2)));
            case "GET":
            case "HEAD":
                return backend.objects().get(key).map(o -> {
                    FullHttpResponse head = backend.answers().empty(HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.ETAG, o.md5Hex());
                    o.meta().forEach(head.headers()::set);
                    return FileAnswer.serve(backend, method, head, o.file(), o.size());
                }).orElseGet(() -> answer(backend.answers().text(HttpResponseStatus.NOT_FOUND, "no object " + key)));
            default:
                return notAllowed("PUT, GET, HEAD");
        }
    }

    private FullHttpResponse createContainer(HttpRequest request, String container) {
        Map<String, String> meta = meta(request, "x-container-meta-");
        Map<String, String> old = containers.putIfAbsent(container, new ConcurrentHashMap<>(meta));
        if (old != null) {
            old.putAll(meta);
        }
        return backend.answers().empty(old == null ? HttpResponseStatus.CREATED : HttpResponseStatus.ACCEPTED);
    }

    private FullHttpResponse headContainer(String container) {
        Map<String, String> meta = containers.get(container);
        if (meta == null) {
            return backend.answers().text(HttpResponseStatus.NOT_FOUND, "no container " + container);
        }
        FullHttpResponse r = backend.answers().empty(HttpResponseStatus.NO_CONTENT);
        meta.forEach(r.headers()::set);
        return r;
    }

    private RequestBody putObject(HttpRequest request, String key, Channel channel) {
        String expectedMd5 = Optional.ofNullable(request.headers().get(HttpHeaderNames.ETAG))
                .map(e -> e.replace("\"", "").strip().toLowerCase(Locale.ROOT)).orElse(null);
        Map<String, String> meta = meta(request, "x-object-meta-");
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null) {
            meta.put(HttpHeaderNames.CONTENT_TYPE.toString(), contentType);
        }
        ObjectStore objects = backend.objects();
        return new ObjectReceiver(objects, objects.newFile(NAMESPACE, key), backend.limits().maxUploadSize(),
                backend.answers(), channel, r -> {
                    if (expectedMd5 != null && !expectedMd5.equals(r.md5Hex())) {
                        objects.delete(r.file().path());
                        return backend.answers().text(HttpResponseStatus.UNPROCESSABLE_ENTITY, "the body's MD5 "
                                + r.md5Hex() + " is not the ETag sent, " + expectedMd5);
                    }
                    objects.put(key, new ObjectStore.StoredObject(r.file().path(), r.bytes(), r.md5Hex(), r.sha256Hex(),
                            Map.copyOf(meta)));
                    FullHttpResponse created = backend.answers().empty(HttpResponseStatus.CREATED);
                    created.headers().set(HttpHeaderNames.ETAG, r.md5Hex());
                    return created;
                });
    }

    /** The request's headers starting with {@code prefix} (lower case), as sent. */
    private static Map<String, String> meta(HttpRequest request, String prefix) {
        Map<String, String> meta = new LinkedHashMap<>();
        request.headers().forEach(h -> {
            if (h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                meta.put(h.getKey(), h.getValue());
            }
        });
        return meta;
    }

    private static String first(HttpRequest request, String name, String otherName) {
        String v = request.headers().get(name);
        return v != null ? v : request.headers().get(otherName);
    }

    private RequestBody notAllowed(String allowed) {
        FullHttpResponse r = backend.answers().text(HttpResponseStatus.METHOD_NOT_ALLOWED, "allowed methods: " + allowed);
        r.headers().set(HttpHeaderNames.ALLOW, allowed);
        return answer(r);
    }

    private RequestBody answer(FullHttpResponse r) {
        return FixedAnswer.afterBody(r, backend.limits().maxPatchBody());
    }
}
