package io.bodycam.sim.upload.s3;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.internal.PercentEncoding;
import io.bodycam.sim.upload.s3.internal.SigV4;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SigV4 for a bodiless S3 request sent by a client other than the camera's (the bench reading a bucket
 * back after a run, with {@code java.net.http}): the same signature the cameras' requests carry, given as
 * the headers to add.
 */
public final class S3RequestSigner {

    private final SigV4 sigV4;

    /** @param region the region of the signature's credential scope ({@link S3ClientConfig#region()}) */
    public S3RequestSigner(String region) {
        this.sigV4 = new SigV4(region, "s3");
    }

    /**
     * The headers that sign a request without a body: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code Authorization} ({@code Host} is signed but not returned: the sender sets it).
     *
     * @param host         the {@code Host} header the sender will send, exactly
     * @param pathAndQuery the request target, percent-encoded as {@link S3ClientConfig#objectPath} and
     *                     {@link #encodeQueryValue} do
     */
    public Map<String, String> sign(String method, String host, String pathAndQuery, Credentials credentials,
                                    Instant now) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), pathAndQuery);
        r.headers().set(HttpHeaderNames.HOST, host);
        sigV4.sign(r, credentials, now, SigV4.EMPTY_SHA256);
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach(h -> {
            if (!HttpHeaderNames.HOST.contentEqualsIgnoreCase(h.getKey())) {
                headers.put(h.getKey(), h.getValue());
            }
        });
        return headers;
    }

    /** A query parameter's value encoded as SigV4 signs it (every byte but the unreserved ones as {@code %XY}). */
    public static String encodeQueryValue(String value) {
        return PercentEncoding.encode(value, false);
    }
}
