package io.bodycam.bench.ledger.store;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The store readers' HTTP: {@code java.net.http} over HTTP/1.1 (the bench judges off any event loop), GETs
 * whose body is hashed as it streams in and never held whole, and small answers (a listing) read whole.
 */
final class StoreHttp {

    /** An object read and hashed. */
    record Hashed(String sha256, long bytes) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;

    /** @param tls the client context for an {@code https://} store; null for {@code http://} */
    StoreHttp(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** The object at {@code uri} hashed with SHA-256; empty when the store answers 404. */
    Optional<Hashed> sha256(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request(uri, headers), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw refused(uri, r.statusCode(), body);
            }
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            long bytes = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
            return Optional.of(new Hashed(HexFormat.of().formatHex(digest.digest()), bytes));
        }
    }

    /** A small answer (a listing page) read whole; anything but 200 is an error. */
    byte[] get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request(uri, headers), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + excerpt(r.body()));
        }
        return r.body();
    }

    /** The whole answer to a GET, whatever its status (a login, whose headers are what it says). */
    HttpResponse<byte[]> answer(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        return http.send(request(uri, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The {@code Host} header this client sends for {@code uri} (a header it sets itself, so a signature must
     * sign this very value): the host, with the port unless it is the scheme's default.
     */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().header("User-Agent", "bodycam-bench");
        headers.forEach(b::header);
        return b.build();
    }

    private static IOException refused(URI uri, int status, InputStream body) throws IOException {
        return new IOException("GET " + uri + " answered " + status + ": " + excerpt(body.readNBytes(300)));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
