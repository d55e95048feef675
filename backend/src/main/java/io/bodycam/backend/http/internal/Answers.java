package io.bodycam.backend.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.time.SimClock;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Builds the server's answers: every one carries a {@code Date} from the run's virtual clock (the
 * camera's time sync reads it, docs/contract {@code GET /time}) and frames its body with
 * {@code Content-Length}, so keep-alive connections survive every answer.
 */
public final class Answers {

    /** tus 1.0.0, "Checksum": "460 Checksum Mismatch if the checksums mismatch". */
    public static final HttpResponseStatus CHECKSUM_MISMATCH = HttpResponseStatus.valueOf(460, "Checksum Mismatch");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimClock clock;

    public Answers(SimClock clock) {
        this.clock = clock;
    }

    /** An answer without a body. */
    public FullHttpResponse empty(HttpResponseStatus status) {
        return body(status, new byte[0], null);
    }

    /** A short plain-text explanation, for errors. */
    public FullHttpResponse text(HttpResponseStatus status, String message) {
        return body(status, (message + "\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** {@code value} as a JSON body. */
    public FullHttpResponse json(Object value) {
        try {
            return body(HttpResponseStatus.OK, JSON.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable to JSON: " + value, e);
        }
    }

    /** {@code bytes} as the body, with {@code status} (a firmware image or range). */
    public FullHttpResponse bytes(HttpResponseStatus status, byte[] bytes, String contentType) {
        return body(status, bytes, contentType);
    }

    /**
     * Marks a tus answer. tus 1.0.0, "Headers", Tus-Resumable: "The Tus-Resumable header MUST be
     * included in every request and response except for OPTIONS requests."
     */
    public static FullHttpResponse tus(FullHttpResponse response) {
        response.headers().set("Tus-Resumable", TusEndpoints.TUS_VERSION);
        return response;
    }

    /** Asks the keep-alive handler to close the connection once this answer is written. */
    public static FullHttpResponse closing(FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        return response;
    }

    private FullHttpResponse body(HttpResponseStatus status, byte[] bytes, String contentType) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date(clock.now())));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        // RFC 9110 8.6: no Content-Length in a 204
        if (status.code() != HttpResponseStatus.NO_CONTENT.code()) {
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        }
        return r;
    }
}
