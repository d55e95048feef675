package io.bodycam.backend.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Hand-made tus requests for server tests, sent with the JDK's HTTP client (an independent implementation). */
final class TusHttp {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    TusHttp(URI base) {
        this.base = base;
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    static String checksum(String algorithm, byte[] bytes) {
        String jca = algorithm.equals("sha1") ? "SHA-1" : "SHA-256";
        return algorithm + " " + Base64.getEncoder().encodeToString(digest(jca, bytes));
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static Map<String, String> metadata(String deviceId, String segmentId, String sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deviceId", deviceId);
        m.put("recordingId", deviceId + "-R00001");
        m.put("segmentId", segmentId);
        m.put("sha256", sha256);
        return m;
    }

    static String encode(Map<String, String> metadata) {
        StringJoiner j = new StringJoiner(",");
        metadata.forEach((k, v) -> j.add(k + " " + Base64.getEncoder()
                .encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return j.toString();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /files/ with the given length and metadata; returns the answer. */
    HttpResponse<String> create(long length, Map<String, String> metadata) {
        return send(request("/files/")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", encode(metadata))
                .POST(BodyPublishers.noBody()).build());
    }

    /** Creates an upload and returns its path, failing the test if the server does not answer 201. */
    String created(long length, Map<String, String> metadata) {
        HttpResponse<String> r = create(length, metadata);
        if (r.statusCode() != 201) {
            throw new AssertionError("creation answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> head(String path) {
        return send(request(path).header("Tus-Resumable", "1.0.0")
                .method("HEAD", BodyPublishers.noBody()).build());
    }

    HttpResponse<String> patch(String path, long offset, byte[] body, String checksum) {
        HttpRequest.Builder b = request(path)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream");
        if (checksum != null) {
            b.header("Upload-Checksum", checksum);
        }
        return send(b.method("PATCH", BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** Creates an upload of {@code body} and sends it in one PATCH with its sha256 checksum. */
    HttpResponse<String> uploadWhole(byte[] body, Map<String, String> metadata) {
        String location = created(body.length, metadata);
        return patch(location, 0, body, checksum("sha256", body));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
