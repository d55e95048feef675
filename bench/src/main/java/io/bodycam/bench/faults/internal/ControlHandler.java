package io.bodycam.bench.faults.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.faults.FaultProxy;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.sim.net.UriPath;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The fault control API (docs/faults.md), after Toxiproxy's HTTP API: list proxies, enable or disable
 * one, add, list and remove its toxics, reset everything; plus the evidence server's injected HTTP
 * faults under {@code /backend/http}. Requests arrive whole (aggregated); answers are JSON, errors
 * {@code {"error": "...", "status": n}} as Toxiproxy writes them.
 */
@ChannelHandler.Sharable
public final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    public static final String NAME = "fault-control";

    private final FaultProxies proxies;
    private final HttpFaults backend;

    /** @param backend the evidence server's faults, or null when the backend is not the embedded one */
    public ControlHandler(FaultProxies proxies, HttpFaults backend) {
        this.proxies = proxies;
        this.backend = backend;
    }

    /** A request the API refuses, with its status. */
    private static final class Refused extends RuntimeException {
        private final HttpResponseStatus status;

        Refused(HttpResponseStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = request.decoderResult().isSuccess() ? route(request)
                    : error(HttpResponseStatus.BAD_REQUEST, "malformed request");
        } catch (Refused r) {
            response = error(r.status, r.getMessage());
        } catch (IllegalArgumentException e) {
            response = error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse route(FullHttpRequest request) {
        String method = request.method().name();
        List<String> path = UriPath.segments(request.uri());
        String first = path.isEmpty() ? "" : path.get(0);
        if (first.equals("reset") && path.size() == 1 && method.equals("POST")) {
            proxies.reset();
            if (backend != null) {
                backend.clear();
            }
            return empty();
        }
        if (first.equals("proxies")) {
            return proxies(method, path, request);
        }
        if (first.equals("backend") && path.size() == 2 && path.get(1).equals("http")) {
            return backendFaults(method, request);
        }
        throw new Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + request.uri());
    }

    private FullHttpResponse proxies(String method, List<String> path, FullHttpRequest request) {
        if (path.size() == 1) {
            requireMethod(method, "GET");
            ObjectNode all = ToxicJson.JSON.createObjectNode();
            proxies.all().forEach(p -> all.set(p.name(), ToxicJson.proxy(p)));
            return json(HttpResponseStatus.OK, all);
        }
        FaultProxy proxy = proxies.get(path.get(1))
                .orElseThrow(() -> new Refused(HttpResponseStatus.NOT_FOUND, "proxy not found: " + path.get(1)));
        if (path.size() == 2) {
            if (method.equals("POST")) {
                JsonNode enabled = body(request).get("enabled");
                if (enabled == null || !enabled.isBoolean()) {
                    throw new IllegalArgumentException("POST /proxies/{name} takes {\"enabled\": true|false}");
                }
                if (enabled.asBoolean()) {
                    proxy.enable();
                } else {
                    proxy.disable();
                }
            } else {
                requireMethod(method, "GET");
            }
            return json(HttpResponseStatus.OK, ToxicJson.proxy(proxy));
        }
        if (!path.get(2).equals("toxics") || path.size() > 4) {
            throw new Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + request.uri());
        }
        if (path.size() == 3) {
            if (method.equals("POST")) {
                Toxic toxic = ToxicJson.parse(body(request));
                if (proxy.find(toxic.name()).isPresent()) {
                    throw new Refused(HttpResponseStatus.CONFLICT, "toxic already exists: " + toxic.name());
                }
                return json(HttpResponseStatus.OK, ToxicJson.toxic(proxy.add(toxic)));
            }
            requireMethod(method, "GET");
            var list = ToxicJson.JSON.createArrayNode();
            proxy.toxics().forEach(t -> list.add(ToxicJson.toxic(t)));
            return json(HttpResponseStatus.OK, list);
        }
        String name = path.get(3);
        Optional<Toxic> toxic = proxy.find(name);
        if (toxic.isEmpty()) {
            throw new Refused(HttpResponseStatus.NOT_FOUND, "toxic not found: " + name);
        }
        if (method.equals("DELETE")) {
            proxy.remove(name);
            return empty();
        }
        requireMethod(method, "GET");
        return json(HttpResponseStatus.OK, ToxicJson.toxic(toxic.get()));
    }

    private FullHttpResponse backendFaults(String method, FullHttpRequest request) {
        if (backend == null) {
            throw new Refused(HttpResponseStatus.NOT_FOUND, "no embedded evidence server in this run");
        }
        switch (method) {
            case "POST" -> backend.set(BackendFaultsJson.merge(backend.settings(), body(request)));
            case "DELETE" -> backend.clear();
            default -> requireMethod(method, "GET");
        }
        return json(HttpResponseStatus.OK, BackendFaultsJson.write(backend.settings(), backend.counts()));
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Refused(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + method + " not allowed here");
        }
    }

    private static JsonNode body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        try {
            JsonNode n = ToxicJson.JSON.readTree(text.isBlank() ? "{}" : text);
            if (!n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = ToxicJson.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        ObjectNode n = ToxicJson.JSON.createObjectNode();
        n.put("error", message);
        n.put("status", status.code());
        return json(status, n);
    }

    private static FullHttpResponse empty() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
    }
}
