package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.ConnectionSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the requests of the device contract (docs/contract, "HTTP") against one backend: the tus
 * requests carry {@code Tus-Resumable: 1.0.0}, as tus 1.0.0 ("Headers", Tus-Resumable) requires of
 * every request but OPTIONS.
 */
public final class TusRequests {

    public static final String TUS_VERSION = "1.0.0";
    public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    private final String host;
    private final String basePath;
    private final URI creationUrl;

    public TusRequests(URI endpoint) {
        int port = ConnectionSettings.port(endpoint);
        this.host = endpoint.getHost() + ":" + port;
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.creationUrl = URI.create(endpoint.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host + basePath + "/files/");
    }

    /** Where {@code POST} creates uploads; a relative {@code Location} resolves against it. */
    public URI creationUrl() {
        return creationUrl;
    }

    /**
     * tus "Creation": an empty POST declaring the length and the metadata, already encoded by
     * {@link #encodeMetadata}.
     */
    public FullHttpRequest creation(long length, String encodedMetadata) {
        FullHttpRequest r = request(HttpMethod.POST, creationUrl.getRawPath(), Unpooled.EMPTY_BUFFER);
        r.headers().set("Tus-Resumable", TUS_VERSION)
                .set("Upload-Length", length)
                .set("Upload-Metadata", encodedMetadata);
        return r;
    }

    /** tus "HEAD": asks the offset the server holds. */
    public FullHttpRequest offset(URI upload) {
        FullHttpRequest r = request(HttpMethod.HEAD, pathOf(upload), Unpooled.EMPTY_BUFFER);
        r.headers().set("Tus-Resumable", TUS_VERSION);
        return r;
    }

    /**
     * tus "PATCH"; with the checksum extension, {@code uploadChecksum} (null: none) is the algorithm name
     * and the base64 digest of this request's body (tus 1.0.0, "Checksum", Upload-Checksum).
     */
    public FullHttpRequest chunk(URI upload, long offset, ByteBuf body, String uploadChecksum) {
        FullHttpRequest r = request(HttpMethod.PATCH, pathOf(upload), body);
        r.headers().set("Tus-Resumable", TUS_VERSION)
                .set("Upload-Offset", offset)
                .set(HttpHeaderNames.CONTENT_TYPE, OFFSET_OCTET_STREAM);
        if (uploadChecksum != null) {
            r.headers().set("Upload-Checksum", uploadChecksum);
        }
        return r;
    }

    /**
     * tus "OPTIONS" on the creation URL: what the server supports. tus 1.0.0 exempts OPTIONS from
     * {@code Tus-Resumable}, so none is sent.
     */
    public FullHttpRequest options() {
        return request(HttpMethod.OPTIONS, creationUrl.getRawPath(), Unpooled.EMPTY_BUFFER);
    }

    /** A GET of a finished upload (servers such as {@code @tus/server} serve it back). */
    public HttpRequest download(URI upload) {
        return request(HttpMethod.GET, pathOf(upload), Unpooled.EMPTY_BUFFER);
    }

    /** A plain GET of a contract path below the endpoint; path segments are percent-encoded. */
    public FullHttpRequest get(String... segments) {
        StringBuilder path = new StringBuilder(basePath);
        for (String s : segments) {
            path.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        FullHttpRequest r = request(HttpMethod.GET, path.toString(), Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.ACCEPT, "application/json");
        return r;
    }

    /**
     * A ranged GET of {@code rawPath} (already percent-encoded, below the endpoint's base path): bytes
     * {@code offset} to {@code offset + length - 1} (RFC 9110, 14.2 "Range").
     */
    public FullHttpRequest range(String rawPath, long offset, int length) {
        FullHttpRequest r = request(HttpMethod.GET, basePath + rawPath, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.RANGE, "bytes=" + offset + "-" + (offset + length - 1));
        return r;
    }

    /**
     * tus 1.0.0, "Upload-Metadata": comma-separated pairs of a key and its base64 value, separated by
     * a space; for an empty value the space may be left out.
     */
    public static String encodeMetadata(Map<String, String> metadata) {
        StringJoiner joined = new StringJoiner(",");
        Base64.Encoder base64 = Base64.getEncoder();
        metadata.forEach((key, value) -> joined.add(value.isEmpty()
                ? key
                : key + ' ' + base64.encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return joined.toString();
    }

    private FullHttpRequest request(HttpMethod method, String path, ByteBuf body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, body);
        r.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.USER_AGENT, "bodycam-sim");
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            HttpUtil.setContentLength(r, body.readableBytes());
        }
        return r;
    }

    private static String pathOf(URI upload) {
        String path = upload.getRawPath();
        return upload.getRawQuery() == null ? path : path + '?' + upload.getRawQuery();
    }
}
