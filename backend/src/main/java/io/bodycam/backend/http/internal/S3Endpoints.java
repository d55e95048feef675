package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.ReadBackStore;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The S3 subset the s3 profile's cameras use, path-style ({@code /bucket/key}), on one bucket (S3 API
 * Reference): PutObject, CreateMultipartUpload, UploadPart, ListParts, CompleteMultipartUpload,
 * AbortMultipartUpload, GetObject and HeadObject. Every request must be signed ({@link S3Signatures}). A body
 * is checked against the {@code x-amz-content-sha256} it was signed with (400 {@code XAmzContentSHA256Mismatch})
 * and against {@code x-amz-checksum-sha256} and {@code Content-MD5} when sent (400 {@code BadDigest}); a body
 * that fails is not kept. ETags are the MD5 of an object or part, and for a multipart object the MD5 of its
 * parts' MD5s with {@code -N}; an upload that asked for SHA-256 checksums gets the composite checksum back on
 * completion. A completed multipart object is joined from its parts on the disk pool.
 */
final class S3Endpoints {

    private static final String NAMESPACE = "s3";
    private static final int MAX_COMPLETE_BODY = 1 << 20;
    private static final int MAX_PARTS_LISTED = 1000;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    /** A part held: its file, length, MD5 (hex) and SHA-256. */
    private record Part(Path file, long size, String md5Hex, byte[] sha256) {
    }

    /** A multipart upload under way: its key, whether it asked for SHA-256 checksums, its parts by number. */
    private record Upload(String key, boolean checksums, ConcurrentSkipListMap<Integer, Part> parts) {
    }

    private final Backend backend;
    private final String bucket;
    private final S3Signatures signatures;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    S3Endpoints(Backend backend, ReadBackStore store) {
        this.backend = backend;
        this.bucket = store.s3Bucket();
        this.signatures = new S3Signatures(store.s3Region(), store.s3Secrets());
    }

    /** A request below {@code /bucket/}: {@code path} is [bucket, key path elements ...]. */
    RequestBody route(HttpRequest request, String method, List<String> path, Channel channel) {
        Optional<S3Signatures.Refusal> refused = signatures.refusal(request);
        if (refused.isPresent()) {
            return answer(error(HttpResponseStatus.FORBIDDEN, refused.get().code(), refused.get().message()));
        }
        if (path.size() < 2) {
            return answer(error(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented",
                    "bucket operations are not served here; objects are"));
        }
        String key = String.join("/", path.subList(1, path.size()));
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        String uploadId = query.containsKey("uploadId") ? query.get("uploadId").get(0) : null;
        switch (method) {
            case "PUT":
                if (uploadId != null && query.containsKey("partNumber")) {
                    return uploadPart(request, key, uploadId, query.get("partNumber").get(0), channel);
                }
                return uploadId != null ? notImplemented("PUT with uploadId needs a partNumber")
                        : putObject(request, key, channel);
            case "POST":
                if (query.containsKey("uploads")) {
                    return answer(create(request, key));
                }
                return uploadId != null ? complete(key, uploadId)
                        : notImplemented("POST of an object needs ?uploads or ?uploadId");
            case "GET":
                return uploadId != null ? answer(listParts(key, uploadId, query)) : getObject(method, key);
            case "HEAD":
                return getObject(method, key);
            case "DELETE":
                return uploadId != null ? answer(abort(key, uploadId)) : notImplemented("DeleteObject is not served here");
            default:
                return notImplemented(method + " is not served here");
        }
    }

    private RequestBody putObject(HttpRequest request, String key, Channel channel) {
        return receive(request, key, channel, r -> {
            backend.objects().put(key, new ObjectStore.StoredObject(r.file().path(), r.bytes(), r.md5Hex(), r.sha256Hex(),
                    Map.of()));
            FullHttpResponse ok = backend.answers().empty(HttpResponseStatus.OK);
            ok.headers().set(HttpHeaderNames.ETAG, quoted(r.md5Hex()));
            return ok;
        });
    }

    private FullHttpResponse create(HttpRequest request, String key) {
        String uploadId = UUID.randomUUID().toString().replace("-", "");
        boolean checksums = "SHA256".equalsIgnoreCase(request.headers().get("x-amz-checksum-algorithm"));
        uploads.put(uploadId, new Upload(key, checksums, new ConcurrentSkipListMap<>()));
        return xml("InitiateMultipartUploadResult", "<Bucket>" + escape(bucket) + "</Bucket><Key>" + escape(key)
                + "</Key><UploadId>" + uploadId + "</UploadId>");
    }

    private RequestBody uploadPart(HttpRequest request, String key, String uploadId, String number, Channel channel) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            return answer(noSuchUpload(uploadId));
        }
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 10_000) {
            return answer(error(HttpResponseStatus.BAD_REQUEST, "InvalidArgument", "partNumber must be 1..10000, was " + number));
        }
        int partNumber = n;
        return receive(request, key + "/part-" + n, channel, r -> {
            Part old = upload.parts().put(partNumber, new Part(r.file().path(), r.bytes(), r.md5Hex(),
                    HexFormat.of().parseHex(r.sha256Hex())));
            if (old != null) {
                backend.objects().delete(old.file());
            }
            if (!uploads.containsKey(uploadId)) {
                // aborted or completed while this part streamed in: it belongs to nothing
                upload.parts().remove(partNumber);
                backend.objects().delete(r.file().path());
                return noSuchUpload(uploadId);
            }
            FullHttpResponse ok = backend.answers().empty(HttpResponseStatus.OK);
            ok.headers().set(HttpHeaderNames.ETAG, quoted(r.md5Hex()));
            if (upload.checksums()) {
                ok.headers().set("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(r.sha256Hex())));
            }
            return ok;
        });
    }

    private FullHttpResponse listParts(String key, String uploadId, Map<String, List<String>> query) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            return noSuchUpload(uploadId);
        }
        int marker = query.containsKey("part-number-marker") ? parseOr(query.get("part-number-marker").get(0)) : 0;
        StringBuilder body = new StringBuilder("<Bucket>").append(escape(bucket)).append("</Bucket><Key>")
                .append(escape(key)).append("</Key><UploadId>").append(uploadId).append("</UploadId><PartNumberMarker>")
                .append(marker).append("</PartNumberMarker>");
        List<Map.Entry<Integer, Part>> listed = new ArrayList<>(upload.parts().tailMap(marker, false).entrySet());
        boolean truncated = listed.size() > MAX_PARTS_LISTED;
        listed = listed.subList(0, Math.min(listed.size(), MAX_PARTS_LISTED));
        for (Map.Entry<Integer, Part> e : listed) {
            body.append("<Part><PartNumber>").append(e.getKey()).append("</PartNumber><ETag>")
                    .append(escape(quoted(e.getValue().md5Hex()))).append("</ETag><Size>").append(e.getValue().size())
                    .append("</Size>");
            if (upload.checksums()) {
                body.append("<ChecksumSHA256>").append(Base64.getEncoder().encodeToString(e.getValue().sha256()))
                        .append("</ChecksumSHA256>");
            }
            body.append("</Part>");
        }
        int next = listed.isEmpty() ? marker : listed.get(listed.size() - 1).getKey();
        body.append("<NextPartNumberMarker>").append(next).append("</NextPartNumberMarker><MaxParts>")
                .append(MAX_PARTS_LISTED).append("</MaxParts><IsTruncated>").append(truncated).append("</IsTruncated>");
        return xml("ListPartsResult", body.toString());
    }

    /** CompleteMultipartUpload: the listed parts, in ascending order and with their ETags, become the object. */
    private RequestBody complete(String key, String uploadId) {
        return new SmallBody(MAX_COMPLETE_BODY, backend.answers(), document -> {
            Upload upload = uploads.get(uploadId);
            if (upload == null || !upload.key().equals(key)) {
                return CompletableFuture.completedFuture(noSuchUpload(uploadId));
            }
            List<S3Document.CompletedPart> listed;
            try {
                listed = S3Document.completedParts(document);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(error(HttpResponseStatus.BAD_REQUEST, "MalformedXML", e.getMessage()));
            }
            List<Part> parts = new ArrayList<>();
            int last = 0;
            for (S3Document.CompletedPart p : listed) {
                Part held = upload.parts().get(p.number());
                if (p.number() <= last) {
                    return CompletableFuture.completedFuture(error(HttpResponseStatus.BAD_REQUEST, "InvalidPartOrder",
                            "parts must be listed in ascending order; " + p.number() + " came after " + last));
                }
                if (held == null || !held.md5Hex().equals(p.etag().replace("\"", ""))) {
                    return CompletableFuture.completedFuture(error(HttpResponseStatus.BAD_REQUEST, "InvalidPart",
                            "part " + p.number() + " with ETag " + p.etag() + " is not held"));
                }
                parts.add(held);
                last = p.number();
            }
            if (parts.isEmpty() || uploads.remove(uploadId) == null) {
                return CompletableFuture.completedFuture(parts.isEmpty() ? error(HttpResponseStatus.BAD_REQUEST,
                        "MalformedXML", "the document lists no parts") : noSuchUpload(uploadId));
            }
            return joined(key, upload, parts);
        });
    }

    private CompletionStage<FullHttpResponse> joined(String key, Upload upload, List<Part> parts) {
        ObjectStore objects = backend.objects();
        PartFile target = objects.newFile(NAMESPACE, key);
        upload.parts().values().stream().filter(p -> !parts.contains(p)).forEach(p -> objects.delete(p.file()));
        MessageDigest md5s = ObjectReceiver.digest("MD5");
        MessageDigest sha256s = ObjectReceiver.digest("SHA-256");
        long size = 0;
        for (Part p : parts) {
            md5s.update(HexFormat.of().parseHex(p.md5Hex()));
            sha256s.update(p.sha256());
            size += p.size();
        }
        String etag = HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size();
        String composite = Base64.getEncoder().encodeToString(sha256s.digest()) + "-" + parts.size();
        long length = size;
        return objects.join(parts.stream().map(Part::file).toList(), target).handle((v, error) -> {
            if (error != null) {
                objects.delete(target.path());
                return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError", "cannot join the parts: " + error);
            }
            objects.put(key, new ObjectStore.StoredObject(target.path(), length, etag, null, Map.of()));
            return xml("CompleteMultipartUploadResult", "<Location>/" + escape(bucket) + "/" + escape(key)
                    + "</Location><Bucket>" + escape(bucket) + "</Bucket><Key>" + escape(key) + "</Key><ETag>"
                    + escape(quoted(etag)) + "</ETag>" + (upload.checksums() ? "<ChecksumSHA256>" + composite
                    + "</ChecksumSHA256>" : ""));
        });
    }

    private FullHttpResponse abort(String key, String uploadId) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key) || uploads.remove(uploadId) == null) {
            return noSuchUpload(uploadId);
        }
        upload.parts().values().forEach(p -> backend.objects().delete(p.file()));
        return backend.answers().empty(HttpResponseStatus.NO_CONTENT);
    }

    private RequestBody getObject(String method, String key) {
        return backend.objects().get(key).map(o -> {
            FullHttpResponse head = backend.answers().empty(HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.ETAG, quoted(o.md5Hex()))
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            return FileAnswer.serve(backend, method, head, o.file(), o.size());
        }).orElseGet(() -> answer(error(HttpResponseStatus.NOT_FOUND, "NoSuchKey", "no object " + key)));
    }

    /**
     * Streams a body into a file, then checks it against the hashes the request came with before {@code kept}
     * keeps it; a body that does not match is deleted and refused.
     */
    private RequestBody receive(HttpRequest request, String key, Channel channel,
                                java.util.function.Function<ObjectReceiver.Received, FullHttpResponse> kept) {
        String payload = request.headers().get("x-amz-content-sha256");
        if (!UNSIGNED.equals(payload) && !SHA256_HEX.matcher(payload).matches()) {
            return notImplemented("x-amz-content-sha256 '" + payload + "' is not served here: send the body's SHA-256 "
                    + "or " + UNSIGNED);
        }
        String checksum = request.headers().get("x-amz-checksum-sha256");
        String contentMd5 = request.headers().get("Content-MD5");
        ObjectStore objects = backend.objects();
        return new ObjectReceiver(objects, objects.newFile(NAMESPACE, key), backend.limits().maxUploadSize(),
                backend.answers(), channel, r -> {
                    Optional<FullHttpResponse> bad = !UNSIGNED.equals(payload) && !payload.equals(r.sha256Hex())
                            ? Optional.of(error(HttpResponseStatus.BAD_REQUEST, "XAmzContentSHA256Mismatch",
                                    "the body's SHA-256 " + r.sha256Hex() + " is not the signed " + payload))
                            : checksum != null && !checksum.equals(base64(r.sha256Hex()))
                            ? Optional.of(error(HttpResponseStatus.BAD_REQUEST, "BadDigest",
                                    "the body's SHA-256 is not x-amz-checksum-sha256 " + checksum))
                            : contentMd5 != null && !contentMd5.equals(base64(r.md5Hex()))
                            ? Optional.of(error(HttpResponseStatus.BAD_REQUEST, "BadDigest",
                                    "the body's MD5 is not Content-MD5 " + contentMd5))
                            : Optional.empty();
                    if (bad.isPresent()) {
                        objects.delete(r.file().path());
                        return bad.get();
                    }
                    return kept.apply(r);
                });
    }

    private FullHttpResponse noSuchUpload(String uploadId) {
        return error(HttpResponseStatus.NOT_FOUND, "NoSuchUpload", "no multipart upload " + uploadId + " for this key");
    }

    private RequestBody notImplemented(String message) {
        return answer(error(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented", message));
    }

    private FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        FullHttpResponse r = xml("Error", "<Code>" + code + "</Code><Message>" + escape(message) + "</Message>");
        r.setStatus(status);
        return r;
    }

    private FullHttpResponse xml(String root, String inner) {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + inner + "</" + root + ">")
                .getBytes(StandardCharsets.UTF_8);
        return backend.answers().bytes(HttpResponseStatus.OK, body, "application/xml");
    }

    private RequestBody answer(FullHttpResponse r) {
        return FixedAnswer.afterBody(r, backend.limits().maxPatchBody());
    }

    private static int parseOr(String number) {
        try {
            return Math.max(0, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
