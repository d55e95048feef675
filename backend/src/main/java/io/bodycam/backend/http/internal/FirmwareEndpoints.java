package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.backend.http.Mutant;
import io.bodycam.sim.firmware.FirmwareImage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /firmware/{version}} (the image, whole or in one byte range, RFC 9110 section 14) and
 * {@code GET /firmware/key} (the public key images are signed with), docs/contract "HTTP".
 */
final class FirmwareEndpoints {

    /** The most one answer carries: a whole image up to this size, or a range clipped to it. */
    static final int MAX_ANSWER = 1 << 20;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,19})-(\\d{0,19})");

    private final Backend backend;

    FirmwareEndpoints(Backend backend) {
        this.backend = backend;
    }

    FullHttpResponse key() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("algorithm", "Ed25519");
        json.put("publicKey", backend.firmware().publicKey());
        return backend.answers().json(json);
    }

    FullHttpResponse image(HttpRequest request, String version) {
        FirmwareReleases.Release release = backend.firmware().release(version).orElse(null);
        if (release == null) {
            return backend.answers().text(HttpResponseStatus.NOT_FOUND, "no firmware " + version);
        }
        List<String> variant = new QueryStringDecoder(request.uri()).parameters().getOrDefault("variant", List.of());
        if (!variant.isEmpty() && !variant.equals(List.of("tampered"))) {
            return backend.answers().text(HttpResponseStatus.BAD_REQUEST, "variant must be 'tampered', was " + variant);
        }
        FirmwareImage image = variant.isEmpty() && !backend.limits().mutant(Mutant.TAMPERED_FIRMWARE) ? release.image()
                : release.image().tampered();
        long length = image.length();
        String range = backend.limits().mutant(Mutant.IGNORES_RANGE) ? null : request.headers().get(HttpHeaderNames.RANGE);
        if (range == null) {
            if (length > MAX_ANSWER) {
                return unsatisfiable(length, "firmware " + version + " is " + length + " bytes: ask for it in ranges "
                        + "of at most " + MAX_ANSWER + " bytes (Range: bytes=0-" + (MAX_ANSWER - 1) + ")");
            }
            return bytes(HttpResponseStatus.OK, image, 0, (int) length);
        }
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches()) {
            return backend.answers().text(HttpResponseStatus.BAD_REQUEST,
                    "Range must be one range like bytes=0-65535, was '" + range + "'");
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
        if (first >= length || last < first) {
            return unsatisfiable(length, "range " + range + " is outside the " + length + "-byte image");
        }
        int n = (int) Math.min(last - first + 1, MAX_ANSWER);
        FullHttpResponse r = bytes(HttpResponseStatus.PARTIAL_CONTENT, image, first, n);
        r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + first + "-" + (first + n - 1) + "/" + length);
        return r;
    }

    private FullHttpResponse bytes(HttpResponseStatus status, FirmwareImage image, long offset, int n) {
        byte[] body = new byte[n];
        image.read(offset, body, 0, n);
        backend.firmware().served(n);
        FullHttpResponse r = backend.answers().bytes(status, body, "application/octet-stream");
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        return r;
    }

    /** RFC 9110, 15.5.17: 416 with {@code Content-Range: bytes *}{@code /length}. */
    private FullHttpResponse unsatisfiable(long length, String why) {
        FullHttpResponse r = backend.answers().text(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, why);
        r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
        return r;
    }
}
