package io.bodycam.sim.upload.s3.internal;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.internal.Digests;
import io.bodycam.sim.upload.internal.PercentEncoding;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests in the {@code Authorization} header (AWS S3 API Reference,
 * "Authenticating Requests: Using the Authorization Header"): a canonical request (method, URI-encoded
 * path, sorted query, signed headers, payload hash), a string to sign over its SHA-256 with the date and
 * credential scope, and an HMAC-SHA256 signature with a key derived from the secret, date, region and
 * service. Signs {@code host}, {@code content-type}, {@code content-md5}, {@code range}, {@code date}
 * and every {@code x-amz-*} header the request carries.
 */
public final class SigV4 {

    /** {@code x-amz-content-sha256} of a payload that is not signed (streamed parts without a checksum). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** SHA-256 of no bytes: the payload hash of a request without a body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> SIGNED_PLAIN = List.of("host", "content-type", "content-md5", "range", "date");

    private final String region;
    private final String service;

    public SigV4(String region, String service) {
        this.region = region;
        this.service = service;
    }

    /**
     * Sets {@code x-amz-date} and {@code x-amz-content-sha256} ({@code payloadHash}: lower-case hex
     * SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}) and then {@code Authorization}. The request's
     * URI must already be encoded the way {@link #encode} does, and carry a {@code Host} header.
     */
    public void sign(HttpRequest request, Credentials credentials, Instant now, String payloadHash) {
        String stamp = STAMP.format(now);
        request.headers().set("x-amz-date", stamp).set("x-amz-content-sha256", payloadHash);
        Map<String, String> headers = signedHeaders(request);
        String signedNames = String.join(";", headers.keySet());
        String canonical = canonicalRequest(request.method().name(), request.uri(), headers, payloadHash);
        String scope = stamp.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + stamp + "\n" + scope + "\n" + sha256Hex(canonical);
        String signature = Digests.hex(hmac(signingKey(credentials.secret(), stamp.substring(0, 8)), toSign));
        request.headers().set(HttpHeaderNames.AUTHORIZATION, ALGORITHM + " Credential=" + credentials.id() + "/" + scope
                + ",SignedHeaders=" + signedNames + ",Signature=" + signature);
    }

    /** The key that signs requests of {@code date} ({@code yyyyMMdd}): HMACs of date, region, service, "aws4_request". */
    byte[] signingKey(String secret, String date) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The canonical request: method, path, query, headers, signed header names and payload hash, one per line. */
    static String canonicalRequest(String method, String uri, Map<String, String> headers, String payloadHash) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        StringBuilder canonical = new StringBuilder(method).append('\n')
                .append(path.isEmpty() ? "/" : path).append('\n')
                .append(canonicalQuery(query)).append('\n');
        headers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        return canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(payloadHash)
                .toString();
    }

    /**
     * Percent-encodes {@code s} as SigV4 asks: every byte but the unreserved {@code A-Z a-z 0-9 - _ . ~}
     * (and {@code /} when {@code keepSlash}, for object key paths) as {@code %XY} in upper-case hex.
     */
    public static String encode(String s, boolean keepSlash) {
        return PercentEncoding.encode(s, keepSlash);
    }

    /** Query parameters sorted by name (then value), each {@code name=value}, a bare name as {@code name=}. */
    private static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            params.add(eq < 0 ? new String[] {p, ""} : new String[] {p.substring(0, eq), p.substring(eq + 1)});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static Map<String, String> signedHeaders(HttpRequest request) {
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (SIGNED_PLAIN.contains(name) || name.startsWith("x-amz-")) {
                String value = h.getValue().strip().replaceAll(" +", " ");
                headers.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return headers;
    }

    private static String sha256Hex(String text) {
        return Digests.hex(Digests.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
