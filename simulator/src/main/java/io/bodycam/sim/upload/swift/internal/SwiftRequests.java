package io.bodycam.sim.upload.swift.internal;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.internal.PercentEncoding;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The Swift requests of the Axis Body Worn Integration API's subset: auth, GET of a System object, PUT of
 * a container with its metadata, PUT of an object with its metadata, GET of an object.
 */
public final class SwiftRequests {

    private SwiftRequests() {
    }

    /** {@code GET /auth/v1.0} with {@code X-Auth-User} and {@code X-Auth-Key}. */
    public static FullHttpRequest auth(String host, String path, Credentials credentials) {
        FullHttpRequest r = full(HttpMethod.GET, host, path);
        r.headers().set("X-Auth-User", credentials.id()).set("X-Auth-Key", credentials.secret());
        return r;
    }

    /** A GET of {@code container/object} below the storage URL. */
    public static FullHttpRequest get(URI storage, String token, String container, String object) {
        FullHttpRequest r = full(HttpMethod.GET, host(storage), path(storage, container, object));
        r.headers().set("X-Auth-Token", token);
        return r;
    }

    /** Create container ({@code PUT}), with its metadata as {@code X-Container-Meta-*}. */
    public static FullHttpRequest putContainer(URI storage, String token, String container, Map<String, String> meta) {
        FullHttpRequest r = full(HttpMethod.PUT, host(storage), path(storage, container, null));
        r.headers().set("X-Auth-Token", token);
        meta.forEach((k, v) -> r.headers().set(metaHeader("Container", k), value(v)));
        HttpUtil.setContentLength(r, 0);
        return r;
    }

    /** Create object's head ({@code PUT}); the body streams after it. */
    public static HttpRequest putObject(URI storage, String token, String container, String object, String contentType,
                                        Map<String, String> meta) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, path(storage, container, object));
        r.headers().set(HttpHeaderNames.HOST, host(storage)).set(HttpHeaderNames.USER_AGENT, "bodycam-sim")
                .set("X-Auth-Token", token).set(HttpHeaderNames.CONTENT_TYPE, contentType);
        meta.forEach((k, v) -> r.headers().set(metaHeader("Object", k), value(v)));
        return r;
    }

    /**
     * The API's header for a metadata key: {@code X-<type>-Meta-Key} with "all characters lowercase except
     * the first letter as well as any letter that follows a hyphen".
     */
    static String metaHeader(String type, String key) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : key.toCharArray()) {
            name.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return "X-" + type + "-Meta-" + name;
    }

    /** Values are "URL-encoded UTF-8, where characters outside of US ASCII and reserved HTTP characters are %XX encoded". */
    private static String value(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String path(URI storage, String container, String object) {
        String base = storage.getRawPath() == null ? "" : storage.getRawPath();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String p = base + "/" + PercentEncoding.encode(container, false);
        return object == null ? p : p + "/" + PercentEncoding.encode(object, true);
    }

    private static String host(URI uri) {
        return uri.getHost() + ":" + io.bodycam.sim.upload.ConnectionSettings.port(uri);
    }

    private static FullHttpRequest full(HttpMethod method, String host, String path) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.HOST, host.toLowerCase(Locale.ROOT)).set(HttpHeaderNames.USER_AGENT, "bodycam-sim");
        return r;
    }
}
