package io.bodycam.sim.upload.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 server for the client's tests of what S3Proxy cannot show: it implements SHA-256 checksums as
 * S3 does (each {@code x-amz-checksum-sha256} checked against its body and returned; the composite
 * checksum of a multipart upload, the SHA-256 of the parts' SHA-256s with {@code -N}), lists parts, can
 * fail the next UploadParts with a status, and logs every request. Signatures are not checked.
 */
final class ScriptedS3Server implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger failParts = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int failStatus;

    ScriptedS3Server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code n} UploadParts are answered {@code status}. */
    void failNextParts(int n, int status) {
        failStatus = status;
        failParts.set(n);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String key = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
        Map<String, String> params = new TreeMap<>();
        for (String p : query.split("&")) {
            if (!p.isEmpty()) {
                int eq = p.indexOf('=');
                params.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
            }
        }
        byte[] body = x.getRequestBody().readAllBytes();
        String checksum = x.getRequestHeaders().getFirst("x-amz-checksum-sha256");
        log.add(method + " " + key + (query.isEmpty() ? "" : "?" + query) + (checksum != null ? " checksum" : ""));
        if (checksum != null && !checksum.equals(b64(sha256(body)))) {
            answer(x, 400, "<Error><Code>BadDigest</Code></Error>");
        } else if (method.equals("POST") && params.containsKey("uploads")) {
            String id = "u" + ids.incrementAndGet();
            uploads.put(id, new TreeMap<>());
            answer(x, 200, "<InitiateMultipartUploadResult><UploadId>" + id + "</UploadId></InitiateMultipartUploadResult>");
        } else if (method.equals("PUT") && params.containsKey("partNumber")) {
            if (failParts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(x, failStatus, "<Error><Code>InternalError</Code></Error>");
                return;
            }
            uploads.get(params.get("uploadId")).put(Integer.parseInt(params.get("partNumber")), body);
            x.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(md5(body)) + "\"");
            if (checksum != null) {
                x.getResponseHeaders().set("x-amz-checksum-sha256", checksum);
            }
            answer(x, 200, "");
        } else if (method.equals("POST") && params.containsKey("uploadId")) {
            Map<Integer, byte[]> parts = uploads.remove(params.get("uploadId"));
            MessageDigest composite = digest("SHA-256");
            List<byte[]> all = new ArrayList<>(parts.values());
            all.forEach(p -> composite.update(sha256(p)));
            objects.put(key, concat(all));
            answer(x, 200, "<CompleteMultipartUploadResult><Key>" + key + "</Key><ChecksumSHA256>"
                    + b64(composite.digest()) + "-" + all.size() + "</ChecksumSHA256></CompleteMultipartUploadResult>");
        } else if (method.equals("GET") && params.containsKey("uploadId")) {
            StringBuilder xml = new StringBuilder("<ListPartsResult>");
            uploads.getOrDefault(params.get("uploadId"), Map.of()).forEach((n, p) -> xml.append("<Part><PartNumber>")
                    .append(n).append("</PartNumber><ETag>\"").append(HexFormat.of().formatHex(md5(p)))
                    .append("\"</ETag><Size>").append(p.length).append("</Size></Part>"));
            answer(x, 200, xml.append("</ListPartsResult>").toString());
        } else if (method.equals("DELETE") && params.containsKey("uploadId")) {
            uploads.remove(params.get("uploadId"));
            answer(x, 204, "");
        } else if (method.equals("PUT")) {
            objects.put(key, body);
            if (checksum != null) {
                x.getResponseHeaders().set("x-amz-checksum-sha256", checksum);
            }
            answer(x, 200, "");
        } else {
            answer(x, 404, "<Error><Code>NoSuchKey</Code></Error>");
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static byte[] sha256(byte[] data) {
        return digest("SHA-256").digest(data);
    }

    private static byte[] md5(byte[] data) {
        return digest("MD5").digest(data);
    }

    private static String b64(byte[] d) {
        return Base64.getEncoder().encodeToString(d);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
