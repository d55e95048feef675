package io.bodycam.sim.upload.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A whole (small) HTTP answer, copied off the wire so that no buffer outlives the exchange.
 *
 * @param content the body's bytes (a firmware range is binary)
 */
public record HttpReply(int status, HttpHeaders headers, byte[] content) {

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body as UTF-8 text (JSON, an error message). */
    public String body() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
