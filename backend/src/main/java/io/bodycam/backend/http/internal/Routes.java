package io.bodycam.backend.http.internal;

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
 * (with {@code Allow}) for a method the path does not take.
 */
final class Routes {

    private final Backend backend;
    private final TusEndpoints tus;
    private final ContractEndpoints contract;
    private final FirmwareEndpoints firmware;

    Routes(Backend backend) {
        this.backend = backend;
        this.tus = new TusEndpoints(backend);
        this.contract = new ContractEndpoints(backend);
        this.firmware = new FirmwareEndpoints(backend);
    }

    /** What to do with {@code request}, which arrived on {@code channel}. */
    RequestBody route(HttpRequest request, Channel channel) {
        String method = method(request);
        List<String> path = UriPath.segments(request.uri());
        String first = path.isEmpty() ? "" : path.get(0);
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
                    switch (method) {
                        case "HEAD":
                            return tus.offset(request, path.get(1), channel);
                        case "PATCH":
                            return tus.patch(request, path.get(1), channel);
                        case "DELETE":
                            return tus.terminate(request, path.get(1), channel);
                        default:
                            return notAllowed(true, "HEAD, PATCH, DELETE");
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
