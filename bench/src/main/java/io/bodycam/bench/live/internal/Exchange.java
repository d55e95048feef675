package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.live.ActionRefusedException;
import io.bodycam.bench.live.NoSuchCameraException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request to a fleet, as the dashboard and the control API answer it: the call runs on the server's
 * worker (never on the event loop), and its outcome becomes 200 with JSON, 404 for an unknown camera,
 * 409 for a refused action, 400 for a bad argument, 504 when the fleet does not answer in time.
 */
final class Exchange {

    private static final long FLEET_TIMEOUT_SECONDS = 10;

    private Exchange() {
    }

    /** A request refused with a status and a reason. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient HttpResponseStatus status;

        Refused(HttpResponseStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        HttpResponseStatus status() {
            return status;
        }
    }

    /** Runs {@code call} on {@code worker} and writes its answer, {@code json} of the value when it succeeds. */
    static <T> void answer(ChannelHandlerContext ctx, FullHttpRequest request, ExecutorService worker,
                           Supplier<CompletionStage<T>> call, Function<T, Object> json) {
        request.retain();
        CompletableFuture.supplyAsync(call, worker)
                .thenCompose(Function.identity())
                .toCompletableFuture()
                .orTimeout(FLEET_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle((value, error) -> error == null ? Responses.json(HttpResponseStatus.OK, json.apply(value)) : failure(error))
                .whenComplete((response, e) -> {
                    try {
                        Responses.send(ctx, request, response != null ? response
                                : Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(e)));
                    } finally {
                        request.release();
                    }
                });
    }

    static FullHttpResponse failure(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof NoSuchCameraException) {
            return Responses.error(HttpResponseStatus.NOT_FOUND, e.getMessage());
        }
        if (e instanceof ActionRefusedException) {
            return Responses.error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof TimeoutException) {
            return Responses.error(HttpResponseStatus.GATEWAY_TIMEOUT, "the fleet did not answer within " + FLEET_TIMEOUT_SECONDS + " s");
        }
        return Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the fleet failed: " + e);
    }

    /** Answers a refusal or a bad argument thrown while routing; anything else goes on up. */
    static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, RuntimeException e) {
        if (e instanceof Refused r) {
            Responses.send(ctx, request, Responses.error(r.status(), r.getMessage()));
        } else if (e instanceof IllegalArgumentException) {
            Responses.send(ctx, request, Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } else {
            throw e;
        }
    }

    static void allow(HttpMethod method, HttpMethod allowed) {
        if (!method.equals(allowed)) {
            throw new Refused(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + method + " not allowed here, only " + allowed);
        }
    }

    static JsonNode body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        try {
            JsonNode n = LiveJson.JSON.readTree(text.isBlank() ? "{}" : text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
