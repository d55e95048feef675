package io.bodycam.bench.conform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The kit's raw HTTP client: one request at a time, every exchange kept as a line of evidence. */
final class Http {

    /** One request and its answer, as the evidence shows it. */
    record Exchange(String request, int status, Map<String, String> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        long longHeader(String name) {
            return header(name).map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return -1L;
                }
            }).orElse(-1L);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(request).append(" -> ").append(status);
            headers.forEach((k, v) -> {
                if (k.toLowerCase().startsWith("upload-") || k.toLowerCase().startsWith("tus-") || k.equalsIgnoreCase("location")
                        || k.equalsIgnoreCase("cache-control") || k.equalsIgnoreCase("content-range")) {
                    sb.append(", ").append(k).append(": ").append(v);
                }
            });
            return sb.toString();
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
    }

    Exchange send(String method, String pathOrUrl, Map<String, String> headers, byte[] body) throws IOException {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k, String.join(",", v)));
            StringBuilder line = new StringBuilder(method).append(' ').append(uri.getRawPath());
            headers.forEach((k, v) -> line.append(' ').append(k).append(": ").append(v.length() > 60 ? v.substring(0, 60) + "..." : v));
            if (body != null) {
                line.append(" (").append(body.length).append(" bytes)");
            }
            return new Exchange(line.toString(), r.statusCode(), h, r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A tus creation of an upload of {@code length} bytes with the contract's metadata; answers its URL. */
    Exchange create(long length, Map<String, String> metadata) throws IOException {
        StringBuilder m = new StringBuilder();
        metadata.forEach((k, v) -> m.append(m.length() == 0 ? "" : ",").append(k).append(' ')
                .append(Base64.getEncoder().encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return send("POST", "/files/", Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length),
                "Upload-Metadata", m.toString()), null);
    }

    Exchange patch(String url, long offset, byte[] chunk, String checksum) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Tus-Resumable", "1.0.0");
        h.put("Upload-Offset", Long.toString(offset));
        h.put("Content-Type", "application/offset+octet-stream");
        if (checksum != null) {
            h.put("Upload-Checksum", checksum);
        }
        return send("PATCH", url, h, chunk);
    }

    Exchange head(String url) throws IOException {
        return send("HEAD", url, Map.of("Tus-Resumable", "1.0.0"), null);
    }
}
