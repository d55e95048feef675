package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.bodycam.bench.live.CameraAction;
import io.bodycam.bench.live.FleetCounters;
import io.bodycam.bench.live.LiveFleet;
import io.bodycam.bench.live.ReplayControl;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The dashboard's routes: the page's files, {@code GET /api/fleet}, {@code /api/counters},
 * {@code /api/counters/history}, {@code /api/cameras/{id}}, {@code POST /api/cameras/{id}/actions},
 * {@code GET|POST /api/replay} and the event stream {@code GET /api/events}. Everything that touches
 * the fleet runs on the server's worker, and the answer is written from there: the event loop only
 * parses and routes.
 */
@ChannelHandler.Sharable
public final class LiveHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    public static final String NAME = "live";
    /** Events shown with a camera's detail. */
    static final int DETAIL_EVENTS = 30;
    /** Counter samples a replay's history is thinned to. */
    static final int REPLAY_HISTORY_POINTS = 1200;

    private final LiveFleet fleet;
    private final ExecutorService worker;
    private final EventStream stream;
    private final CounterHistory history;
    private final StaticFiles files;
    private final byte[] fleetJson;

    public LiveHandler(LiveFleet fleet, ExecutorService worker, EventStream stream, CounterHistory history, StaticFiles files,
                       long batchMillis) {
        this.fleet = fleet;
        this.worker = worker;
        this.stream = stream;
        this.history = history;
        this.files = files;
        this.fleetJson = LiveJson.bytes(LiveJson.fleet(fleet.title(), fleet.replay().isPresent(), fleet.roster(), batchMillis));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            route(ctx, request);
        } catch (RuntimeException e) {
            Exchange.refuse(ctx, request, e);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (!path.startsWith("/api/")) {
            Exchange.allow(method, HttpMethod.GET);
            StaticFiles.Asset a = files.get(path).orElseThrow(() -> new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such page: " + path));
            Responses.send(ctx, request, Responses.of(HttpResponseStatus.OK, a.bytes(), a.contentType()));
            return;
        }
        List<String> parts = List.of(path.substring(5).split("/"));
        switch (parts.get(0)) {
            case "fleet" -> {
                Exchange.allow(method, HttpMethod.GET);
                Responses.send(ctx, request, Responses.of(HttpResponseStatus.OK, fleetJson, "application/json"));
            }
            case "events" -> {
                Exchange.allow(method, HttpMethod.GET);
                subscribe(ctx);
            }
            case "counters" -> {
                Exchange.allow(method, HttpMethod.GET);
                if (parts.size() == 1) {
                    answer(ctx, request, () -> CompletableFuture.completedFuture(current()), LiveJson::counters);
                } else if (parts.size() == 2 && parts.get(1).equals("history")) {
                    answer(ctx, request, () -> CompletableFuture.completedFuture(historyNow()), this::historyJson);
                } else {
                    throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + path);
                }
            }
            case "cameras" -> camera(ctx, request, method, parts);
            case "replay" -> replay(ctx, request, method);
            default -> throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + path);
        }
    }

    private void camera(ChannelHandlerContext ctx, FullHttpRequest request, HttpMethod method, List<String> parts) {
        if (parts.size() < 2 || parts.get(1).isEmpty()) {
            throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "name a camera: /api/cameras/{deviceId}");
        }
        String id = QueryStringDecoder.decodeComponent(parts.get(1));
        if (parts.size() == 2) {
            Exchange.allow(method, HttpMethod.GET);
            answer(ctx, request, () -> fleet.detail(id, DETAIL_EVENTS), LiveJson::detail);
        } else if (parts.size() == 3 && parts.get(2).equals("actions")) {
            Exchange.allow(method, HttpMethod.POST);
            CameraAction action = ActionJson.parse(Exchange.body(request));
            answer(ctx, request, () -> fleet.act(id, action), LiveJson::result);
        } else {
            throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + request.uri());
        }
    }

    private void replay(ChannelHandlerContext ctx, FullHttpRequest request, HttpMethod method) {
        ReplayControl r = fleet.replay().orElseThrow(() -> new Exchange.Refused(HttpResponseStatus.NOT_FOUND,
                "this dashboard shows a live run: there is no replay to steer"));
        if (method.equals(HttpMethod.POST)) {
            JsonNode b = Exchange.body(request);
            Runnable change;
            if (b.has("seek") && b.get("seek").isNumber()) {
                long t = b.get("seek").asLong();
                change = () -> r.seek(t);
            } else if (b.has("play") && b.get("play").isNumber()) {
                double speed = b.get("play").asDouble();
                if (!(speed >= 1 && speed <= 10_000)) {
                    throw new IllegalArgumentException("\"play\" is a speed of 1..10000 (virtual per wall second), was " + speed);
                }
                change = () -> r.play(speed);
            } else if (b.has("pause")) {
                change = r::pause;
            } else {
                throw new IllegalArgumentException("steer the replay with {\"seek\": epochMillis}, {\"play\": speed} or {\"pause\": true}");
            }
            answer(ctx, request, () -> {
                change.run();
                return CompletableFuture.completedFuture(r.position());
            }, LiveJson::replay);
            return;
        }
        Exchange.allow(method, HttpMethod.GET);
        answer(ctx, request, () -> CompletableFuture.completedFuture(r.position()), LiveJson::replay);
    }

    private void subscribe(ChannelHandlerContext ctx) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(head);
        stream.subscribe(ctx.channel());
    }

    private FleetCounters current() {
        FleetCounters c = stream.latest();
        return c != null ? c : fleet.counters();
    }

    private List<FleetCounters> historyNow() {
        return fleet.replay().map(r -> r.history(REPLAY_HISTORY_POINTS)).orElseGet(history::all);
    }

    private ArrayNode historyJson(List<FleetCounters> all) {
        ArrayNode a = LiveJson.JSON.createArrayNode();
        all.forEach(c -> a.add(LiveJson.counters(c)));
        return a;
    }

    private <T> void answer(ChannelHandlerContext ctx, FullHttpRequest request, Supplier<CompletionStage<T>> call,
                            Function<T, Object> json) {
        Exchange.answer(ctx, request, worker, call, json);
    }
}
