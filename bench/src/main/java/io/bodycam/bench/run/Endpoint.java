package io.bodycam.bench.run;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a run serves something to people while it goes: the live dashboard ({@code --ui-port}) or
 * the control API ({@code --control-port}). Loopback unless said otherwise; any other address needs a
 * token, and the server refuses to start without one.
 *
 * @param port  0 takes a free one
 * @param token null for none
 */
public record Endpoint(InetAddress bind, int port, String token) {

    public Endpoint {
        Objects.requireNonNull(bind, "bind address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** On the loopback address, without a token. */
    public static Endpoint loopback(int port) {
        return new Endpoint(InetAddress.getLoopbackAddress(), port, null);
    }
}
