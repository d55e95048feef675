package io.bodycam.bench.faults;

import io.bodycam.bench.faults.internal.ProxyCore;
import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCP proxy on 127.0.0.1 between cameras and one upstream (the MQTT broker or the evidence
 * backend), with Toxiproxy-style toxics that can be added and removed while connections run: a
 * new toxic acts on open connections from then on (when {@link #add} returns, every open connection
 * has taken it), and on every new one. Cameras are pointed at
 * {@link #uri(String)} instead of the upstream; a proxy per group of cameras lets a fault hit only
 * that group. Made by {@link FaultProxies}, which shares one small event loop group among all.
 *
 * <pre>{@code
 * FaultProxy mqtt = proxies.create("mqtt-east", broker.uri());
 * URI cameraBroker = mqtt.uri("tcp");
 * mqtt.add(Toxic.of(new ToxicKind.Latency(Duration.ofMillis(300), Duration.ofMillis(200)), Direction.DOWNSTREAM));
 * mqtt.disable();   // connections refused and dropped, like a dead broker
 * mqtt.enable();
 * }</pre>
 */
public final class FaultProxy {

    private final String name;
    private final InetSocketAddress upstream;
    private final EventLoopGroup group;
    private final Transport transport;
    private final ProxyCore core;
    private final List<Toxic> toxics = new ArrayList<>();
    private Channel listener;
    private int port;

    FaultProxy(String name, InetSocketAddress upstream, EventLoopGroup group, Transport transport, long seed) {
        this.name = name;
        this.upstream = upstream;
        this.group = group;
        this.transport = transport;
        this.core = new ProxyCore(upstream, transport, seed);
    }

    public String name() {
        return name;
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    /** The port cameras connect to; it stays the same across {@link #disable()} and {@link #enable()}. */
    public int port() {
        return port;
    }

    /** {@code scheme://127.0.0.1:port}, e.g. {@code uri("tcp")} for MQTT, {@code uri("http")} for the backend. */
    public URI uri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    /**
     * Adds a toxic after those already there.
     *
     * @throws IllegalArgumentException if the proxy already has a toxic of that name
     */
    public synchronized Toxic add(Toxic toxic) {
        Objects.requireNonNull(toxic, "toxic");
        if (find(toxic.name()).isPresent()) {
            throw new IllegalArgumentException("proxy " + name + " already has a toxic named " + toxic.name());
        }
        toxics.add(toxic);
        core.toxics(toxics);
        return toxic;
    }

    /** Removes the toxic of that name; false if there was none. */
    public synchronized boolean remove(String toxicName) {
        boolean removed = toxics.removeIf(t -> t.name().equals(toxicName));
        if (removed) {
            core.toxics(toxics);
        }
        return removed;
    }

    /** Removes every toxic. */
    public synchronized void clear() {
        toxics.clear();
        core.toxics(toxics);
    }

    public synchronized List<Toxic> toxics() {
        return List.copyOf(toxics);
    }

    public synchronized Optional<Toxic> find(String toxicName) {
        return toxics.stream().filter(t -> t.name().equals(toxicName)).findFirst();
    }

    public synchronized boolean enabled() {
        return listener != null;
    }

    /**
     * Stops listening (new connections are refused: "connection refused") and closes every open
     * connection, as Toxiproxy does for a disabled proxy. Toxics stay for when it is enabled again.
     */
    public synchronized void disable() {
        if (listener == null) {
            return;
        }
        listener.close().syncUninterruptibly();
        listener = null;
        core.closeAll();
    }

    /**
     * Listens again on the same port.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public synchronized void enable() {
        if (listener != null) {
            return;
        }
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(core.acceptor())
                    .bind("127.0.0.1", port)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("fault proxy " + name + " cannot listen on 127.0.0.1:" + port, e);
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Connections open through the proxy now. */
    public int connections() {
        return core.open();
    }

    public ProxyStats stats() {
        return core.stats();
    }

    synchronized void close() {
        disable();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " 127.0.0.1:" + port + " -> " + upstream + ", toxics " + toxics() + "]";
    }
}
