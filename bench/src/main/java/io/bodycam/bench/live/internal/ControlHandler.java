package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.live.CameraAction;
import io.bodycam.bench.live.CameraState;
import io.bodycam.bench.live.LiveFleet;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.sim.time.PausableClock;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The control API's own routes: {@code GET /cameras}, {@code GET /cameras/{id}}, {@code POST
 * /cameras/{id}/actions} (the dashboard's action bodies) and, for a camera in hand, {@code GET|POST
 * /clock}. Any other request goes on down the pipeline (to the mounted fault API), or gets 404 when
 * nothing is behind. Fleet calls run on the server's worker, as on the dashboard.
 */
@ChannelHandler.Sharable
public final class ControlHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "control";
    private static final int DETAIL_EVENTS = 30;

    private final LiveFleet fleet;
    private final PausableClock clock;
    private final ExecutorService worker;
    private final boolean passOn;

    /**
     * @param clock  the clock {@code /clock} steers, or null for none
     * @param passOn whether requests this handler does not serve go on down the pipeline
     */
    public ControlHandler(LiveFleet fleet, PausableClock clock, ExecutorService worker, boolean passOn) {
        this.fleet = fleet;
        this.clock = clock;
        this.worker = worker;
        this.passOn = passOn;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        List<String> parts = List.of(path.substring(1).split("/"));
        boolean ours = parts.get(0).equals("cameras") || parts.get(0).equals("clock") && clock != null;
        if (!ours && passOn) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!ours) {
                throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + path
                        + " (this API serves /cameras" + (clock != null ? " and /clock" : "") + ")");
            }
            if (parts.get(0).equals("clock")) {
                clock(ctx, request);
            } else {
                cameras(ctx, request, parts);
            }
        } catch (RuntimeException e) {
            Exchange.refuse(ctx, request, e);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private void cameras(ChannelHandlerContext ctx, FullHttpRequest request, List<String> parts) {
        HttpMethod method = request.method();
        if (parts.size() == 1) {
            Exchange.allow(method, HttpMethod.GET);
            Exchange.answer(ctx, request, worker, () -> CompletableFuture.completedFuture(fleet.changesSince(0).changed()),
                    ControlHandler::states);
            return;
        }
        String id = QueryStringDecoder.decodeComponent(parts.get(1));
        if (parts.size() == 2) {
            Exchange.allow(method, HttpMethod.GET);
            Exchange.answer(ctx, request, worker, () -> fleet.detail(id, DETAIL_EVENTS), LiveJson::detail);
        } else if (parts.size() == 3 && parts.get(2).equals("actions")) {
            Exchange.allow(method, HttpMethod.POST);
            CameraAction action = ActionJson.parse(Exchange.body(request));
            Exchange.answer(ctx, request, worker, () -> fleet.act(id, action), LiveJson::result);
        } else {
            throw new Exchange.Refused(HttpResponseStatus.NOT_FOUND, "no such resource: " + request.uri());
        }
    }

    private static ArrayNode states(List<CameraState> states) {
        ArrayNode a = LiveJson.JSON.createArrayNode();
        states.forEach(s -> a.add(LiveJson.state(s).put("deviceId", s.deviceId())));
        return a;
    }

    /** {@code {"pause":true}}, {@code {"resume":true}}, {@code {"speed":60}}, {@code {"step":"10s"}}; answers where the clock stands. */
    private void clock(ChannelHandlerContext ctx, FullHttpRequest request) {
        Runnable change = () -> { };
        if (request.method().equals(HttpMethod.POST)) {
            change = clockChange(Exchange.body(request));
        } else {
            Exchange.allow(request.method(), HttpMethod.GET);
        }
        Runnable doIt = change;
        Exchange.answer(ctx, request, worker, () -> {
            doIt.run();
            return CompletableFuture.completedFuture(clock);
        }, ControlHandler::clockJson);
    }

    private Runnable clockChange(JsonNode b) {
        if (b.path("pause").asBoolean(false)) {
            return clock::pause;
        }
        if (b.path("resume").asBoolean(false)) {
            return clock::resume;
        }
        if (b.has("speed")) {
            double speed = b.get("speed").asDouble(Double.NaN);
            if (!(speed > 0 && speed <= PausableClock.MAX_SPEED)) {
                throw new IllegalArgumentException("\"speed\" must be > 0 and <= " + (long) PausableClock.MAX_SPEED
                        + " (virtual seconds per wall second), was " + b.get("speed"));
            }
            return () -> clock.setSpeed(speed);
        }
        if (b.has("step")) {
            Duration by = Durations.parse(b.get("step").asText());
            return () -> clock.step(by);
        }
        throw new IllegalArgumentException("steer the clock with {\"pause\": true}, {\"resume\": true}, {\"speed\": 60} or {\"step\": \"10s\"}");
    }

    private static ObjectNode clockJson(PausableClock c) {
        return LiveJson.JSON.createObjectNode().put("now", c.now()).put("time", java.time.Instant.ofEpochMilli(c.now()).toString())
                .put("speed", c.speed()).put("paused", c.isPaused());
    }
}
