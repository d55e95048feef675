package io.bodycam.sim.upload.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/** A whole (small) HTTP answer, copied off the wire so that no buffer outlives the exchange. */
public record HttpReply(int status, HttpHeaders headers, String body) {

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }
}
