package io.bodycam.bench.live;

import io.bodycam.bench.live.internal.AccessHandler;
import io.bodycam.bench.live.internal.AccessRule;
import io.bodycam.bench.live.internal.ControlHandler;
import io.bodycam.bench.live.internal.MountBridge;
import io.bodycam.bench.live.internal.MountGate;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.PausableClock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control API of a running scenario or of cameras in hand (issue 17): the fault control API of
 * docs/faults.md at its documented paths ({@code /proxies}, {@code /reset}, {@code /backend/http}),
 * mounted from the faults package, and the camera actions for any camera of the fleet
 * ({@code /cameras/{id}/actions}, the dashboard's bodies), plus {@code /clock} for a held clock.
 * Loopback by default; bound to any other address it needs a token, as the dashboard does.
 *
 * <pre>{@code
 * try (ControlServer api = ControlServer.builder(fleet).faults(() -> FaultControlServer.handler(proxies, faults))
 *         .port(8474).start()) {
 *     // curl -s localhost:8474/cameras
 * }
 * }</pre>
 */
public final class ControlServer implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup loop;
    private final ExecutorService worker;
    private final MountBridge faults;
    private final ChannelGroup channels;
    private final Channel listener;

    private ControlServer(EventLoopGroup loop, ExecutorService worker, MountBridge faults, ChannelGroup channels,
                          Channel listener) {
        this.loop = loop;
        this.worker = worker;
        this.faults = faults;
        this.channels = channels;
        this.listener = listener;
    }

    public static Builder builder(LiveFleet fleet) {
        return new Builder(fleet);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** {@code http://host:port}: on a wildcard address, the loopback one. */
    public URI uri() {
        InetAddress a = address().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        worker.shutdownNow();
        if (faults != null) {
            faults.close();
        }
    }

    /** How to start a {@link ControlServer}; each setter checks its value and names it when it refuses. */
    public static final class Builder {
        private final LiveFleet fleet;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private String token;
        private PausableClock clock;
        private Supplier<? extends ChannelHandler> faults;
        private Transport transport = Transport.best();

        private Builder(LiveFleet fleet) {
            this.fleet = Objects.requireNonNull(fleet, "fleet");
        }

        /** The address to bind; loopback unless said otherwise (any other needs a {@link #token}). */
        public Builder bind(InetAddress a) {
            this.address = Objects.requireNonNull(a, "bind address");
            return this;
        }

        /** The port; 0 (the default) takes a free one. */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("control port must be 0..65535, was " + p);
            }
            this.port = p;
            return this;
        }

        /** The token every request must carry as {@code Authorization: Bearer <token>}; required off loopback. */
        public Builder token(String t) {
            this.token = Objects.requireNonNull(t, "token");
            return this;
        }

        /** Serves {@code /clock} to pause, resume, speed up and step this clock. */
        public Builder clock(PausableClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Serves every other path with handlers from {@code handler} (the fault control API), on a thread
         * of its own where it may block.
         */
        public Builder faults(Supplier<? extends ChannelHandler> handler) {
            this.faults = Objects.requireNonNull(handler, "fault API handler");
            return this;
        }

        public Builder transport(Transport t) {
            this.transport = Objects.requireNonNull(t, "transport");
            return this;
        }

        /**
         * Binds and serves.
         *
         * @throws IllegalArgumentException off loopback without a token, or with a token unfit for a header
         * @throws IllegalStateException    if the address cannot be bound
         */
        public ControlServer start() {
            AccessRule rule = AccessRule.of(address, token);
            EventLoopGroup loop = transport.newGroup(1);
            ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bodycam-control");
                t.setDaemon(true);
                return t;
            });
            MountBridge bridge = faults == null ? null : new MountBridge(faults);
            ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            ControlHandler routes = new ControlHandler(fleet, clock, worker, bridge != null);
            AccessHandler access = new AccessHandler(rule);
            try {
                Channel ch = new ServerBootstrap().group(loop).channel(transport.serverChannel())
                        .childHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel c) {
                                channels.add(c);
                                c.pipeline().addLast("http", new HttpServerCodec())
                                        .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                                        .addLast(AccessHandler.NAME, access)
                                        .addLast(ControlHandler.NAME, routes);
                                if (bridge != null) {
                                    c.pipeline().addLast("faults", new MountGate("", bridge));
                                }
                            }
                        })
                        .bind(address, port).syncUninterruptibly().channel();
                return new ControlServer(loop, worker, bridge, channels, ch);
            } catch (RuntimeException e) {
                worker.shutdownNow();
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                if (bridge != null) {
                    bridge.close();
                }
                throw new IllegalStateException("cannot bind the control API to " + address.getHostAddress() + ":" + port, e);
            }
        }
    }
}
