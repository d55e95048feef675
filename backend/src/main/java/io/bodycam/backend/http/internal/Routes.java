package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.sim.net.UriPath;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Locale;

/**
 * Maps a request's path and method to its endpoint: 404 for a path the contract does not name, 405
 * (with {@code Allow}) for a method the path does not take. With a put, S3 or Swift read-back store, a path
 * under the store's first element goes to the store's endpoints first; with a tus one, {@code GET /files/{id}}
 * reads a finished upload back.
 */
final class Routes {

    private final Backend backend;
    private final TusEndpoints tus;
    private final ContractEndpoints contract;
    private final FirmwareEndpoints firmware;
    /** What the server stores for read-back besides the reference contract, or null. */
    private final ReadBackStore readBack;
    private final PutEndpoints put;
    private final SwiftEndpoints swift;
    private final S3Endpoints s3;

    Routes(Backend backend) {
        this.backend = backend;
        this.tus = new TusEndpoints(backend);
        this.contract = new ContractEndpoints(backend);
        this.firmware = new FirmwareEndpoints(backend);
        this.readBack = backend.limits().readBack();
        ReadBackStore.Protocol p = readBack == null ? null : readBack.protocol();
        this.put = p == ReadBackStore.Protocol.PUT ? new PutEndpoints(backend) : null;
        this.swift = p == ReadBackStore.Protocol.SWIFT ? new SwiftEndpoints(backend) : null;
        this.s3 = p == ReadBackStore.Protocol.S3 ? new S3Endpoints(backend, readBack) : null;
    }

    /** What to do with {@code request}, which arrived on {@code channel}. */
    RequestBody route(HttpRequest request, Channel channel) {
        String method = method(request);
        List<String> path = UriPath.segments(request.uri());
        String first = path.isEmpty() ? "" : path.get(0);
        if (readBack != null && readBack.protocol() != ReadBackStore.Protocol.TUS) {
            RequestBody stored = readBack(request, method, path, first, channel);
            if (stored != null) {
                return stored;
            }
        }
        switch (first) {
            case "files":
                if (path.size() == 1) {
                    switch (method) {
                        case "OPTIONS":
                            return tus.discovery();
                        case "POST":
                            return tus.create(request, channel);
                        default:
                            return notAllowed(true, "OPTIONS, POST");
                    }
                }
                if (path.size() == 2) {
                    boolean kept = readBack != null && readBack.protocol() == ReadBackStore.Protocol.TUS;
                    switch (method) {
                        case "GET":
                            if (kept) {
                                return tus.read(path.get(1), channel);
                            }
                            return notAllowed(true, "HEAD, PATCH, DELETE");
                        case "HEAD":
                            return tus.offset(request, path.get(1), channel);
                        case "PATCH":
                            return tus.patch(request, path.get(1), channel);
                        case "DELETE":
                            return tus.terminate(request, path.get(1), channel);
                        default:
                            return notAllowed(true, kept ? "GET, HEAD, PATCH, DELETE" : "HEAD, PATCH, DELETE");
                    }
                }
                break;
            case "evidence":
                if (path.size() == 3) {
                    return get(method, () -> contract.evidence(path.get(1), path.get(2)));
                }
                break;
            case "time":
                if (path.size() == 1) {
                    return get(method, contract::time);
                }
                break;
            case "firmware":
                if (path.size() == 2) {
                    return get(method, () -> path.get(1).equals("key") ? firmware.key() : firmware.image(request, path.get(1)));
                }
                break;
            case "devices":
                if (path.size() == 3 && path.get(2).equals("config")) {
                    return get(method, () -> contract.config(path.get(1)));
                }
                break;
            default:
                break;
        }
        return answer(backend.answers().text(HttpResponseStatus.NOT_FOUND, "no such resource: " + request.uri()));
    }

    /**
     * A request for the read-back store, whose first path element is the store's own (the put path's, the
     * bucket, the Swift storage URL's, and the Swift auth path); null for a path the store does not take.
     */
    private RequestBody readBack(HttpRequest request, String method, List<String> path, String first, Channel channel) {
        switch (readBack.protocol()) {
            case PUT:
                if (!first.equals(readBack.root())) {
                    return null;
                }
                if (method.equals("PUT") || method.equals("POST")) {
                    return put.store(request, channel);
                }
                if (method.equals("GET") || method.equals("HEAD")) {
                    return put.read(method, request.uri()).orElseGet(() -> answer(backend.answers().text(
                            HttpResponseStatus.NOT_FOUND, "nothing stored at " + request.uri())));
                }
                return notAllowed(false, "PUT, POST, GET, HEAD");
            case SWIFT:
                if (path.equals(UriPath.segments(readBack.swiftAuthPath()))) {
                    return get(method, () -> swift.auth(request));
                }
                return first.equals(ReadBackStore.SWIFT_STORAGE) ? swift.storage(request, method, path, channel) : null;
            case S3:
                return first.equals(readBack.root()) ? s3.route(request, method, path, channel) : null;
            default:
                return null;
        }
    }

    /** A tus request under {@code /files/} other than discovery (OPTIONS): what upload faults apply to. */
    static boolean isUpload(HttpRequest request) {
        List<String> path = UriPath.segments(request.uri());
        return !path.isEmpty() && path.get(0).equals("files") && !method(request).equals("OPTIONS");
    }

    static boolean isPatch(HttpRequest request) {
        return method(request).equals("PATCH");
    }

    /**
     * tus 1.0.0, "Headers", X-HTTP-Method-Override: it "MUST be interpreted as the request's method by
     * the Server, if the header is presented."
     */
    private static String method(HttpRequest request) {
        String override = request.headers().get("X-HTTP-Method-Override");
        return (override == null ? request.method().name() : override.trim()).toUpperCase(Locale.ROOT);
    }

    private RequestBody get(String method, java.util.function.Supplier<FullHttpResponse> endpoint) {
        return method.equals("GET") ? answer(endpoint.get()) : notAllowed(false, "GET");
    }

    private RequestBody notAllowed(boolean tusResource, String allowed) {
        FullHttpResponse r = backend.answers().text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "allowed methods: " + allowed);
        r.headers().set(HttpHeaderNames.ALLOW, allowed);
        return answer(tusResource ? Answers.tus(r) : r);
    }

    private RequestBody answer(FullHttpResponse response) {
        return FixedAnswer.afterBody(response, backend.limits().maxPatchBody());
    }
}
