package io.bodycam.backend.http.internal;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.s3.internal.SigV4;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an S3 request's SigV4 {@code Authorization} header (AWS S3 API Reference, "Authenticating Requests:
 * Using the Authorization Header") by signing the request again, with the secret of its access key id, using
 * the cameras' own signer ({@link SigV4}), and comparing the signatures. That signer signs {@code host},
 * {@code content-type}, {@code content-md5}, {@code range}, {@code date} and {@code x-amz-*}: a client that
 * signs other headers too is refused with the difference named. The request's time is not compared with the
 * server's (a run's clocks may be virtual).
 */
final class S3Signatures {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Why a request is refused: the S3 error code and message. */
    record Refusal(String code, String message) {
    }

    private final String region;
    private final Map<String, String> secrets;
    private final SigV4 signer;

    S3Signatures(String region, Map<String, String> secrets) {
        this.region = region;
        this.secrets = secrets;
        this.signer = new SigV4(region, "s3");
    }

    /** Empty when {@code request} is signed by a known key for this region and service; else why not. */
    Optional<Refusal> refusal(HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.startsWith(ALGORITHM + " ")) {
            return refuse("AccessDenied", "requests must be signed with " + ALGORITHM + " in the Authorization header");
        }
        Map<String, String> fields = fields(header.substring(ALGORITHM.length() + 1));
        String[] scope = fields.getOrDefault("Credential", "").split("/");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        String stamp = request.headers().get("x-amz-date");
        String payload = request.headers().get("x-amz-content-sha256");
        if (scope.length != 5 || signedHeaders == null || signature == null || stamp == null || payload == null) {
            return refuse("AuthorizationHeaderMalformed", "the Authorization header needs Credential=<key>/<date>/"
                    + "<region>/s3/aws4_request, SignedHeaders and Signature, and the request x-amz-date and "
                    + "x-amz-content-sha256");
        }
        String secret = secrets.get(scope[0]);
        if (secret == null) {
            return refuse("InvalidAccessKeyId", "the access key id " + scope[0] + " is not known here");
        }
        if (!scope[2].equals(region) || !scope[3].equals("s3")) {
            return refuse("AuthorizationHeaderMalformed", "the credential scope is for " + scope[2] + "/" + scope[3]
                    + ", this bucket is in " + region + "/s3");
        }
        Instant at;
        try {
            at = STAMP.parse(stamp, Instant::from);
        } catch (DateTimeParseException e) {
            return refuse("AccessDenied", "x-amz-date '" + stamp + "' is not yyyyMMdd'T'HHmmss'Z'");
        }
        HttpRequest copy = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri());
        for (String name : signedHeaders.split(";")) {
            copy.headers().add(name, request.headers().getAll(name));
        }
        signer.sign(copy, new Credentials(scope[0], secret), at, payload);
        Map<String, String> mine = fields(copy.headers().get(HttpHeaderNames.AUTHORIZATION).substring(ALGORITHM.length() + 1));
        if (!mine.get("SignedHeaders").equals(signedHeaders)) {
            return refuse("SignatureDoesNotMatch", "the request signs headers " + signedHeaders + "; this server "
                    + "checks signatures over " + mine.get("SignedHeaders") + " only");
        }
        if (!mine.get("Signature").equals(signature)) {
            return refuse("SignatureDoesNotMatch", "the request signature we calculated does not match the signature "
                    + "you provided; check your key and signing method");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String code, String message) {
        return Optional.of(new Refusal(code, message));
    }

    /** {@code Credential=..., SignedHeaders=..., Signature=...} as a map. */
    private static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(text.split(",")).map(String::strip).forEach(f -> {
            int eq = f.indexOf('=');
            if (eq > 0) {
                out.put(f.substring(0, eq), f.substring(eq + 1));
            }
        });
        return out;
    }
}
