package io.bodycam.bench.live;

import io.bodycam.bench.live.internal.AccessHandler;
import io.bodycam.bench.live.internal.AccessRule;
import io.bodycam.bench.live.internal.BatchEncoder;
import io.bodycam.bench.live.internal.CounterHistory;
import io.bodycam.bench.live.internal.EventStream;
import io.bodycam.bench.live.internal.LiveHandler;
import io.bodycam.bench.live.internal.MountBridge;
import io.bodycam.bench.live.internal.MountGate;
import io.bodycam.bench.live.internal.StaticFiles;
import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The live dashboard's HTTP server: the page (HTML, CSS, scripts and ECharts from the classpath, so it
 * works offline), a Server-Sent Events stream of batched camera changes ({@code /api/events}), JSON
 * for the roster, counters and one camera, and the camera actions ({@code POST
 * /api/cameras/{id}/actions}). Other HTTP handlers can be mounted under a path prefix on the same port
 * (the fault control API under {@code /faults}).
 *
 * <p>Loopback by default; bound to any other address it needs a token, and refuses to start without
 * one. Its one event loop thread only parses and writes: the fleet is read on the server's own worker
 * thread, which also builds one batch per interval (500 ms by default) for all subscribers, and a
 * mounted handler runs on a thread of its own (the fault API may block while it binds a port).
 *
 * <pre>{@code
 * try (LiveServer ui = LiveServer.builder(fleet).port(8480).build().start()) {
 *     System.out.println("dashboard at " + ui.uri());
 * }
 * }</pre>
 */
public final class LiveServer implements AutoCloseable {

    /** Longest request body read (an action is a few hundred bytes). */
    private static final int MAX_BODY = 64 * 1024;
    /** Room in a connection's outbound buffer before it counts as lagging: a full frame of 12,000 cameras fits. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 2 << 20);
    /** Counter samples of a live run kept for a page opened late: an hour, one a second. */
    private static final int HISTORY_SAMPLES = 3600;
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private final EventLoopGroup loop;
    private final List<MountBridge> bridges;
    private final ScheduledExecutorService worker;
    private final ChannelGroup channels;
    private final Channel listener;
    private final EventStream stream;
    private final StaticFiles files;

    private LiveServer(EventLoopGroup loop, List<MountBridge> bridges, ScheduledExecutorService worker,
                       ChannelGroup channels, Channel listener, EventStream stream, StaticFiles files) {
        this.loop = loop;
        this.bridges = bridges;
        this.worker = worker;
        this.channels = channels;
        this.listener = listener;
        this.stream = stream;
        this.files = files;
    }

    public static Builder builder(LiveFleet fleet) {
        return new Builder(fleet);
    }

    /** The address bound. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** {@code http://host:port/}: on a wildcard address, the loopback one. */
    public URI uri() {
        InetAddress a = address().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /**
     * What the event stream did so far.
     *
     * @param batches    ticks on which some camera changed (one encoded batch each)
     * @param fullFrames full frames sent (new or lagging subscribers)
     * @param bytesSent  event bytes written to subscribers, before any compression
     */
    public record Stats(long ticks, long batches, long fullFrames, long bytesSent, double meanBuildMillis,
                        double lastBuildMillis, double maxBuildMillis, int subscribers) {
    }

    public Stats stats() {
        EventStream.Counts c = stream.counts();
        return new Stats(c.ticks(), c.batches(), c.fullFrames(), c.bytesSent(),
                c.ticks() == 0 ? 0 : c.buildNanosTotal() / 1e6 / c.ticks(), c.buildNanosLast() / 1e6,
                c.buildNanosMax() / 1e6, c.subscribers());
    }

    /** Bytes of each file the page loads, by path. */
    public Map<String, Integer> pageWeight() {
        return files.sizes();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        listener.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        bridges.forEach(MountBridge::close);
    }

    private record Mount(String prefix, Supplier<? extends ChannelHandler> handler) {
    }

    private record Config(LiveFleet fleet, InetAddress address, int port, Duration batchInterval,
                          List<Mount> mounts, Transport transport) {
    }

    /** How to start a {@link LiveServer}; each setter checks its value and names it when it refuses. */
    public static final class Builder {
        private final LiveFleet fleet;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private String token;
        private Duration batchInterval = Duration.ofMillis(500);
        private final List<Mount> mounts = new ArrayList<>();
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
                throw new IllegalArgumentException("dashboard port must be 0..65535, was " + p);
            }
            this.port = p;
            return this;
        }

        /** The token every request must carry (16 to 256 characters); required off loopback. */
        public Builder token(String t) {
            this.token = Objects.requireNonNull(t, "token");
            return this;
        }

        /** How often a batch goes out: 500 ms (the default) to 10 s. */
        public Builder batchInterval(Duration d) {
            if (d.compareTo(Duration.ofMillis(500)) < 0 || d.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("batch interval must be 500 ms..10 s, was " + d.toMillis() + " ms");
            }
            this.batchInterval = d;
            return this;
        }

        /**
         * Serves the requests under {@code prefix} with handlers from {@code handler} (one per connection,
         * or the same {@code @Sharable} one), after the access check, with the prefix taken off the URI.
         * The handler receives a whole {@code FullHttpRequest}, runs on a thread of its own behind an
         * in-process channel (it may block) and writes its own response.
         *
         * <pre>{@code builder.mount("/faults", () -> new ControlHandler(proxies, backendFaults)); }</pre>
         */
        public Builder mount(String prefix, Supplier<? extends ChannelHandler> handler) {
            Objects.requireNonNull(handler, "mounted handler");
            if (!PREFIX.matcher(prefix).matches() || prefix.equals("/api") || prefix.startsWith("/api/")) {
                throw new IllegalArgumentException("mount prefix must look like /faults (not /api, no trailing slash), was " + prefix);
            }
            if (mounts.stream().anyMatch(m -> m.prefix().equals(prefix))) {
                throw new IllegalArgumentException("mount prefix " + prefix + " is taken");
            }
            mounts.add(new Mount(prefix, handler));
            return this;
        }

        public Builder transport(Transport t) {
            this.transport = Objects.requireNonNull(t, "transport");
            return this;
        }

        /**
         * Binds and starts the pump.
         *
         * @throws IllegalArgumentException off loopback without a token, or with a token unfit for a cookie
         * @throws IllegalStateException    if the address cannot be bound
         */
        public LiveServer start() {
            AccessRule rule = AccessRule.of(address, token);
            return LiveServer.start(new Config(fleet, address, port, batchInterval, List.copyOf(mounts), transport), rule);
        }
    }

    private static LiveServer start(Config c, AccessRule rule) {
        StaticFiles files = new StaticFiles();
        EventLoopGroup loop = c.transport().newGroup(1);
        List<MountBridge> bridges = new ArrayList<>();
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bodycam-live");
            t.setDaemon(true);
            return t;
        });
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        CounterHistory history = new CounterHistory(HISTORY_SAMPLES);
        EventStream stream = new EventStream(c.fleet(), new BatchEncoder(c.fleet().roster()), history);
        try {
            for (Mount m : c.mounts()) {
                bridges.add(new MountBridge(m.handler()));
            }
            LiveHandler live = new LiveHandler(c.fleet(), worker, stream, history, files, c.batchInterval().toMillis());
            AccessHandler access = new AccessHandler(rule);
            Channel ch = new ServerBootstrap()
                    .group(loop)
                    .channel(c.transport().serverChannel())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            channels.add(ch);
                            ch.pipeline().addLast("http", new HttpServerCodec())
                                    .addLast("compress", new HttpContentCompressor())
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                                    .addLast(AccessHandler.NAME, access);
                            for (int i = 0; i < bridges.size(); i++) {
                                ch.pipeline().addLast("mount-" + i, new MountGate(c.mounts().get(i).prefix(), bridges.get(i)));
                            }
                            ch.pipeline().addLast(LiveHandler.NAME, live);
                        }
                    })
                    .bind(c.address(), c.port())
                    .syncUninterruptibly()
                    .channel();
            long every = c.batchInterval().toMillis();
            worker.scheduleWithFixedDelay(() -> stream.tick(System.nanoTime()), 0, every, TimeUnit.MILLISECONDS);
            return new LiveServer(loop, bridges, worker, channels, ch, stream, files);
        } catch (RuntimeException e) {
            worker.shutdownNow();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            bridges.forEach(MountBridge::close);
            throw new IllegalStateException("cannot bind the dashboard to " + c.address().getHostAddress() + ":" + c.port(), e);
        }
    }
}
