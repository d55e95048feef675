package io.bodycam.bench.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An external backend's side of the ledger, asked segment by segment through the contract's
 * {@code GET /evidence/{deviceId}/{segmentId}}. It cannot list what it holds, so
 * {@code evidence.unexpected} is not measured against an external backend. The path is asked under the
 * upload URL's own base path, as the cameras' clients use it ({@code http://host/api} asks
 * {@code /api/evidence/...}).
 */
public final class HttpBackendView implements BackendView {

    /** How this view's figures are proved. */
    public static final String METHOD = "the backend's own verdicts, asked segment by segment (GET /evidence/{deviceId}/{segmentId})";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    public HttpBackendView(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** An {@code https://} backend, asked with {@code tls} (the fleet's trust, the observer's certificate for mutual TLS). */
    public HttpBackendView(URI base, javax.net.ssl.SSLContext tls) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build());
    }

    private HttpBackendView(URI base, HttpClient http) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.base = base.resolve(path.endsWith("/") ? path : path + "/");
        this.http = http;
    }

    @Override
    public Optional<Held> lookup(String deviceId, String segmentId) {
        URI uri = base.resolve("evidence/" + enc(deviceId) + "/" + enc(segmentId));
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + r.statusCode());
            }
            JsonNode n = JSON.readTree(r.body());
            String status = n.path("status").asText();
            String sha = n.path("sha256").asText("");
            return Optional.of(new Held("verified".equals(status), sha.isEmpty() || "incomplete".equals(status) ? null : sha,
                    n.path("copies").asInt(0), "corrupt".equals(status) ? n.path("reason").asText("corrupt") : null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask the backend about " + deviceId + "/" + segmentId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the backend", e);
        }
    }

    @Override
    public Optional<Set<String>> allKeys() {
        return Optional.empty();
    }

    @Override
    public String method() {
        return METHOD;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
