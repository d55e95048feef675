package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.Mutant;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tus 1.0.0 endpoints under {@code /files/}: core (HEAD, PATCH, OPTIONS) with the creation,
 * checksum and termination extensions. Each method reads a request's head and returns what to do
 * with its body. Over mutual TLS each also checks the upload is the client certificate's device's
 * ({@link UploadIdentity}): another device's gets 403.
 */
final class TusEndpoints {

    static final String TUS_VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,checksum,termination";
    private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NON_NEGATIVE = Pattern.compile("[0-9]{1,18}");

    private final Backend backend;
    private final Answers answers;

    TusEndpoints(Backend backend) {
        this.backend = backend;
        this.answers = backend.answers();
    }

    /**
     * tus 1.0.0, "OPTIONS": the answer "MUST contain the Tus-Version header. It MAY include the
     * Tus-Extension and Tus-Max-Size headers"; the checksum extension adds Tus-Checksum-Algorithm.
     * The request's Tus-Resumable is ignored, as the spec asks.
     */
    RequestBody discovery() {
        FullHttpResponse r = Answers.tus(answers.empty(HttpResponseStatus.NO_CONTENT));
        r.headers().set("Tus-Version", TUS_VERSION)
                .set("Tus-Extension", EXTENSIONS)
                .set("Tus-Checksum-Algorithm", UploadChecksum.ALGORITHMS)
                .set("Tus-Max-Size", backend.limits().maxUploadSize());
        return drained(r);
    }

    /**
     * tus 1.0.0, "Creation": the request "MUST include one of" Upload-Length and Upload-Defer-Length
     * (not supported here: this server does not announce creation-defer-length); a length above the
     * maximum gets 413; success is "201 Created" with the URL in Location (relative, so that it stays
     * right behind a proxy). The contract also requires deviceId, segmentId and sha256 metadata.
     */
    RequestBody create(HttpRequest request, Channel channel) {
        Optional<FullHttpResponse> refused = unsupportedVersion(request);
        if (refused.isPresent()) {
            return drained(refused.get());
        }
        if (request.headers().contains("Upload-Defer-Length")) {
            return badRequest("Upload-Defer-Length is not supported; send Upload-Length");
        }
        String lengthHeader = request.headers().get("Upload-Length");
        if (lengthHeader == null || !NON_NEGATIVE.matcher(lengthHeader.trim()).matches()) {
            return badRequest("Upload-Length must be a non-negative integer, was " + quoted(lengthHeader));
        }
        long length = Long.parseLong(lengthHeader.trim());
        if (length > backend.limits().maxUploadSize() && !backend.limits().mutant(Mutant.IGNORES_MAX_SIZE)) {
            return drained(tus(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Upload-Length " + length
                    + " exceeds Tus-Max-Size " + backend.limits().maxUploadSize()));
        }
        UploadMetadata metadata;
        try {
            metadata = UploadMetadata.parse(request.headers().get("Upload-Metadata"));
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        Optional<String> deviceId = metadata.get("deviceId");
        Optional<String> segmentId = metadata.get("segmentId");
        Optional<String> sha256 = metadata.get("sha256").filter(s -> SHA256_HEX.matcher(s).matches());
        if (deviceId.isEmpty() || segmentId.isEmpty() || sha256.isEmpty()) {
            return badRequest("Upload-Metadata must carry deviceId, segmentId and sha256 (64 hex digits)");
        }
        Optional<String> impostor = backend.identity().refusal(channel, deviceId.get());
        if (impostor.isPresent()) {
            return drained(tus(HttpResponseStatus.FORBIDDEN, impostor.get()));
        }
        String declared = sha256.get().toLowerCase(Locale.ROOT);
        String recordingId = metadata.get("recordingId").orElse("");
        UploadResource upload = backend.uploads().create(length, metadata, deviceId.get(), segmentId.get(),
                recordingId, declared);
        backend.ledger().uploadCreated(deviceId.get(), segmentId.get(), recordingId, declared, length);
        if (length == 0) {
            UploadResource.Start start = upload.begin();
            backend.committed(upload, upload.commit(0, 0, start.digest()), 0);
        }
        FullHttpResponse created = Answers.tus(answers.empty(HttpResponseStatus.CREATED));
        created.headers().set(HttpHeaderNames.LOCATION, "/files/" + upload.id);
        return drained(created);
    }

    /**
     * tus 1.0.0, "HEAD": "The Server MUST always include the Upload-Offset header", Upload-Length when
     * known, the metadata as the client sent it (creation extension), and "Cache-Control: no-store";
     * an unknown upload gets 404 without Upload-Offset.
     */
    RequestBody offset(HttpRequest request, String id, Channel channel) {
        Optional<FullHttpResponse> refused = unsupportedVersion(request);
        if (refused.isPresent()) {
            return drained(refused.get());
        }
        Optional<UploadResource> found = backend.uploads().get(id);
        Optional<RequestBody> impostor = found.flatMap(upload -> forbidden(channel, upload));
        if (impostor.isPresent()) {
            return impostor.get();
        }
        FullHttpResponse r = Answers.tus(answers.empty(found.isPresent() ? HttpResponseStatus.OK
                : HttpResponseStatus.NOT_FOUND));
        if (!backend.limits().mutant(Mutant.CACHEABLE_HEAD)) {
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        found.ifPresent(upload -> {
            r.headers().set("Upload-Offset", backend.limits().mutant(Mutant.STALE_HEAD_OFFSET) ? 0 : upload.offset())
                    .set("Upload-Length", upload.length);
            if (upload.metadata.header() != null) {
                r.headers().set("Upload-Metadata", upload.metadata.header());
            }
        });
        return drained(r);
    }

    /**
     * tus 1.0.0, "PATCH": "All PATCH requests MUST use Content-Type: application/offset+octet-stream,
     * otherwise the server SHOULD return a 415"; an Upload-Offset unequal to the upload's gets "409
     * Conflict"; an unknown upload gets 404. Checksum extension: an unsupported algorithm gets 400.
     * {@code channel} is the connection the body comes on.
     */
    RequestBody patch(HttpRequest request, String id, Channel channel) {
        Optional<FullHttpResponse> refused = unsupportedVersion(request);
        if (refused.isPresent()) {
            return drained(refused.get());
        }
        UploadResource upload = backend.uploads().get(id).orElse(null);
        Optional<RequestBody> impostor = upload == null ? Optional.empty() : forbidden(channel, upload);
        if (impostor.isPresent()) {
            return impostor.get();
        }
        UploadResource.Start start = upload == null ? null : upload.begin();
        if (start == null) {
            return drained(tus(HttpResponseStatus.NOT_FOUND, "no upload " + id));
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        CharSequence mimeType = contentType == null ? null : HttpUtil.getMimeType(contentType);
        if (mimeType == null || !OFFSET_OCTET_STREAM.equalsIgnoreCase(mimeType.toString().trim())) {
            return drained(tus(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + OFFSET_OCTET_STREAM + ", was " + quoted(contentType)));
        }
        String offsetHeader = request.headers().get("Upload-Offset");
        if (offsetHeader == null || !NON_NEGATIVE.matcher(offsetHeader.trim()).matches()) {
            return badRequest("Upload-Offset must be a non-negative integer, was " + quoted(offsetHeader));
        }
        long offset = Long.parseLong(offsetHeader.trim());
        if (offset != start.offset() && backend.limits().mutant(Mutant.SWALLOWS_OFFSET_MISMATCH)) {
            FullHttpResponse swallowed = Answers.tus(answers.empty(HttpResponseStatus.NO_CONTENT));
            swallowed.headers().set("Upload-Offset", start.offset());
            return drained(swallowed);
        }
        if (offset != start.offset()) {
            return drained(tus(HttpResponseStatus.CONFLICT,
                    "Upload-Offset " + offset + " does not match the upload's offset " + start.offset()));
        }
        UploadChecksum checksum = null;
        String checksumHeader = request.headers().get("Upload-Checksum");
        if (checksumHeader != null) {
            try {
                checksum = UploadChecksum.parse(checksumHeader);
            } catch (IllegalArgumentException e) {
                return badRequest(e.getMessage());
            }
        }
        long limit = backend.limits().mutant(Mutant.OVERRUNS_UPLOAD_LENGTH) ? backend.limits().maxPatchBody()
                : Math.min(backend.limits().maxPatchBody(), upload.length - offset);
        if (HttpUtil.getContentLength(request, 0L) > limit) {
            return FixedAnswer.now(tus(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Content-Length "
                    + HttpUtil.getContentLength(request, 0L) + " exceeds " + limit
                    + " bytes (the upload's remaining length or the PATCH limit)"));
        }
        return new PatchReceiver(backend, upload, start, checksum, limit, channel);
    }

    /**
     * {@code GET /files/{id}} when the server keeps uploads for read-back (not part of tus 1.0.0; tus servers such
     * as tusd and @tus/server answer it): a finished upload's bytes; 404 for an unknown, terminated or unfinished
     * one; over mutual TLS, 403 for another device's.
     */
    RequestBody read(String id, Channel channel) {
        Optional<UploadResource> finished = backend.uploads().get(id).filter(u -> !u.incomplete() && u.part != null);
        if (finished.isEmpty()) {
            return drained(tus(HttpResponseStatus.NOT_FOUND, "no finished upload " + id));
        }
        Optional<RequestBody> impostor = forbidden(channel, finished.get());
        if (impostor.isPresent()) {
            return impostor.get();
        }
        FullHttpResponse head = Answers.tus(answers.empty(HttpResponseStatus.OK));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        return new FileAnswer(head, finished.get().part.path(), backend.objects().disk(), answers);
    }

    /**
     * tus 1.0.0, "Termination": an existing upload answers "204 No Content"; afterwards its URL
     * answers 404.
     */
    RequestBody terminate(HttpRequest request, String id, Channel channel) {
        Optional<FullHttpResponse> refused = unsupportedVersion(request);
        if (refused.isPresent()) {
            return drained(refused.get());
        }
        Optional<RequestBody> impostor = backend.uploads().get(id).flatMap(upload -> forbidden(channel, upload));
        if (impostor.isPresent()) {
            return impostor.get();
        }
        if (!backend.uploads().terminate(id)) {
            return drained(tus(HttpResponseStatus.NOT_FOUND, "no upload " + id));
        }
        backend.ledger().uploadTerminated();
        return drained(Answers.tus(answers.empty(HttpResponseStatus.NO_CONTENT)));
    }

    /**
     * tus 1.0.0, "Headers", Tus-Resumable: "If the Client's version is not supported by the Server, it
     * MUST respond with the 412 Precondition Failed status and MUST include the Tus-Version header [...]
     * the Server MUST NOT process the request." A request without the header (which every request but
     * OPTIONS MUST carry) names no supported version either.
     */
    private Optional<FullHttpResponse> unsupportedVersion(HttpRequest request) {
        String version = request.headers().get("Tus-Resumable");
        if (TUS_VERSION.equals(version == null ? null : version.trim())) {
            return Optional.empty();
        }
        FullHttpResponse r = tus(HttpResponseStatus.PRECONDITION_FAILED,
                "Tus-Resumable must be " + TUS_VERSION + ", was " + quoted(version));
        r.headers().set("Tus-Version", TUS_VERSION);
        return Optional.of(r);
    }

    /** 403 when the connection's client certificate is another device's than the upload's (mutual TLS only). */
    private Optional<RequestBody> forbidden(Channel channel, UploadResource upload) {
        return backend.identity().refusal(channel, upload.deviceId).map(why -> drained(tus(HttpResponseStatus.FORBIDDEN, why)));
    }

    private RequestBody badRequest(String why) {
        return drained(tus(HttpResponseStatus.BAD_REQUEST, why));
    }

    private FullHttpResponse tus(HttpResponseStatus status, String message) {
        return Answers.tus(answers.text(status, message));
    }

    private RequestBody drained(FullHttpResponse answer) {
        return FixedAnswer.afterBody(answer, backend.limits().maxPatchBody());
    }

    private static String quoted(String value) {
        return value == null ? "(missing)" : "'" + value + "'";
    }
}
