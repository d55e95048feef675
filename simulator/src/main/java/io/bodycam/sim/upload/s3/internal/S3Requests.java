package io.bodycam.sim.upload.s3.internal;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.internal.Digests;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The S3 requests of one camera, path-style ({@code /bucket/key}), each signed with SigV4 when built (so
 * the signature's date is the moment the request goes out): PutObject, CreateMultipartUpload,
 * UploadPart, ListParts, CompleteMultipartUpload, AbortMultipartUpload and GetObject (S3 API Reference).
 */
public final class S3Requests {

    private final S3ClientConfig config;
    private final Credentials credentials;
    private final SigV4 signer;
    private final Clock clock;
    private final String host;

    /** @param clock the signing clock: real wall time, since the server checks it against its own */
    public S3Requests(S3ClientConfig config, Credentials credentials, Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.signer = new SigV4(config.region(), "s3");
        this.clock = clock;
        this.host = config.connection().hostHeader();
    }

    /**
     * PutObject's head; the body streams after it. {@code sha256Hex} is the segment's recorded SHA-256,
     * signed as the payload hash (the server checks the body against it) and, with checksums, sent as
     * {@code x-amz-checksum-sha256}.
     */
    public HttpRequest putObject(String key, String sha256Hex) {
        HttpRequest r = head(HttpMethod.PUT, path(key));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        if (config.checksums()) {
            r.headers().set("x-amz-checksum-sha256", Digests.hexToBase64(sha256Hex));
        }
        signer.sign(r, credentials, clock.instant(), sha256Hex);
        return r;
    }

    /** CreateMultipartUpload ({@code POST ?uploads}), asking for SHA-256 part checksums when configured. */
    public FullHttpRequest createMultipart(String key) {
        FullHttpRequest r = full(HttpMethod.POST, path(key) + "?uploads", Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        if (config.checksums()) {
            r.headers().set("x-amz-checksum-algorithm", "SHA256");
        }
        signer.sign(r, credentials, clock.instant(), SigV4.EMPTY_SHA256);
        return r;
    }

    /**
     * UploadPart's head; the part's body streams after it. {@code sha256Hex} (null: unsigned payload, no
     * checksum) is the part's SHA-256.
     */
    public HttpRequest uploadPart(String key, String uploadId, int partNumber, String sha256Hex) {
        HttpRequest r = head(HttpMethod.PUT, path(key) + "?partNumber=" + partNumber + "&uploadId="
                + SigV4.encode(uploadId, false));
        if (sha256Hex != null) {
            r.headers().set("x-amz-checksum-sha256", Digests.hexToBase64(sha256Hex));
        }
        signer.sign(r, credentials, clock.instant(), sha256Hex != null ? sha256Hex : SigV4.UNSIGNED_PAYLOAD);
        return r;
    }

    /** ListParts, from part {@code marker} on (0: the first). */
    public FullHttpRequest listParts(String key, String uploadId, int marker) {
        String query = "?uploadId=" + SigV4.encode(uploadId, false) + (marker > 0 ? "&part-number-marker=" + marker : "");
        FullHttpRequest r = full(HttpMethod.GET, path(key) + query, Unpooled.EMPTY_BUFFER);
        signer.sign(r, credentials, clock.instant(), SigV4.EMPTY_SHA256);
        return r;
    }

    /** A part as CompleteMultipartUpload lists it: number, ETag as the server gave it, base64 SHA-256 or null. */
    public record CompletedPart(int number, String etag, String checksumSha256) {
    }

    /** CompleteMultipartUpload with its parts in ascending order. */
    public FullHttpRequest complete(String key, String uploadId, List<CompletedPart> parts) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (CompletedPart p : parts) {
            xml.append("<Part><PartNumber>").append(p.number()).append("</PartNumber><ETag>").append(escape(p.etag()))
                    .append("</ETag>");
            if (p.checksumSha256() != null) {
                xml.append("<ChecksumSHA256>").append(p.checksumSha256()).append("</ChecksumSHA256>");
            }
            xml.append("</Part>");
        }
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        FullHttpRequest r = full(HttpMethod.POST, path(key) + "?uploadId=" + SigV4.encode(uploadId, false),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        signer.sign(r, credentials, clock.instant(), Digests.hex(Digests.sha256().digest(body)));
        return r;
    }

    /** AbortMultipartUpload: the server drops the parts. */
    public FullHttpRequest abort(String key, String uploadId) {
        FullHttpRequest r = full(HttpMethod.DELETE, path(key) + "?uploadId=" + SigV4.encode(uploadId, false),
                Unpooled.EMPTY_BUFFER);
        signer.sign(r, credentials, clock.instant(), SigV4.EMPTY_SHA256);
        return r;
    }

    /** GetObject: the stored object, for a read-back. */
    public HttpRequest getObject(String key) {
        HttpRequest r = full(HttpMethod.GET, path(key), Unpooled.EMPTY_BUFFER);
        signer.sign(r, credentials, clock.instant(), SigV4.EMPTY_SHA256);
        return r;
    }

    /** HeadObject: whether the object is there, and its length. */
    public FullHttpRequest headObject(String key) {
        FullHttpRequest r = full(HttpMethod.HEAD, path(key), Unpooled.EMPTY_BUFFER);
        signer.sign(r, credentials, clock.instant(), SigV4.EMPTY_SHA256);
        return r;
    }

    private String path(String key) {
        return config.objectPath(key);
    }

    private HttpRequest head(HttpMethod method, String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        r.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.USER_AGENT, "bodycam-sim");
        return r;
    }

    private FullHttpRequest full(HttpMethod method, String uri, ByteBuf body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, body);
        r.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.USER_AGENT, "bodycam-sim");
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            HttpUtil.setContentLength(r, body.readableBytes());
        }
        return r;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
