package io.bodycam.bench.faults;

import io.bodycam.sim.net.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Makes and keeps the fault proxies of a run. All share one small event loop group of their own,
 * apart from the cameras' and the backend's, so a proxy costs a listening socket and nothing more:
 * a scenario may make one per target group of cameras and per upstream.
 *
 * <pre>{@code
 * try (FaultProxies proxies = new FaultProxies(2, seed)) {
 *     FaultProxy mqtt = proxies.create("mqtt", URI.create("tcp://127.0.0.1:1883"));
 *     FaultProxy http = proxies.create("http", backend.upload());
 *     ... cameras connect to mqtt.uri("tcp") and http.uri("http") ...
 * }
 * }</pre>
 */
public final class FaultProxies implements AutoCloseable {

    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final SplittableRandom seeds;
    private final Map<String, FaultProxy> proxies = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param threads event loop threads shared by every proxy (1..16)
     * @param seed    seeds each proxy's toxicity draws, in creation order
     */
    public FaultProxies(int threads, long seed) {
        if (threads < 1 || threads > 16) {
            throw new IllegalArgumentException("fault proxy threads must be 1..16, was " + threads);
        }
        this.group = transport.newGroup(threads);
        this.seeds = new SplittableRandom(seed);
    }

    /**
     * A new proxy listening on a free loopback port, forwarding to {@code upstream}
     * ({@code tcp://host:port}, {@code http://host:port}: only host and port count).
     *
     * @throws IllegalArgumentException for a taken name or an upstream without host and port
     */
    public FaultProxy create(String name, URI upstream) {
        Objects.requireNonNull(upstream, "upstream");
        if (upstream.getHost() == null || upstream.getPort() < 0) {
            throw new IllegalArgumentException("upstream must name a host and a port, was " + upstream);
        }
        return create(name, new InetSocketAddress(upstream.getHost(), upstream.getPort()));
    }

    public synchronized FaultProxy create(String name, InetSocketAddress upstream) {
        if (closed) {
            throw new IllegalStateException("the fault proxies are closed");
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("proxy name must be 1..64 of [A-Za-z0-9._-], was '" + name + "'");
        }
        if (proxies.containsKey(name)) {
            throw new IllegalArgumentException("a fault proxy named " + name + " exists already");
        }
        FaultProxy proxy = new FaultProxy(name, Objects.requireNonNull(upstream, "upstream"), group, transport,
                seeds.nextLong());
        proxy.enable();
        proxies.put(name, proxy);
        return proxy;
    }

    public synchronized Optional<FaultProxy> get(String name) {
        return Optional.ofNullable(proxies.get(name));
    }

    /** Every proxy, in creation order. */
    public synchronized List<FaultProxy> all() {
        return new ArrayList<>(proxies.values());
    }

    /** Every proxy enabled and without toxics, as Toxiproxy's {@code POST /reset}. */
    public synchronized void reset() {
        for (FaultProxy p : proxies.values()) {
            p.clear();
            p.enable();
        }
    }

    Transport transport() {
        return transport;
    }

    /** Closes every proxy and its connections, then the shared threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        proxies.values().forEach(FaultProxy::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
