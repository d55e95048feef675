package io.bodycam.bench.faults;

import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.faults.internal.ControlHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP API on 127.0.0.1 to steer faults by hand while a run goes on, shaped after
 * Toxiproxy's (docs/faults.md): {@code GET /proxies}, {@code POST /proxies/{name}} with
 * {@code {"enabled": false}}, {@code POST /proxies/{name}/toxics}, {@code DELETE
 * /proxies/{name}/toxics/{toxic}}, {@code POST /reset}, and {@code /backend/http} for the evidence
 * server's injected faults. Runs on a one-thread event loop group of its own: its requests may
 * block (binding a proxy's port again) where the proxies' loops must not.
 *
 * <pre>{@code
 * try (FaultControlServer control = FaultControlServer.start(proxies, server.faults(), 8474)) {
 *     // curl -X POST localhost:8474/proxies/mqtt/toxics -d '{"type":"latency","attributes":{"latency":300}}'
 * }
 * }</pre>
 */
public final class FaultControlServer implements AutoCloseable {

    /** Largest request body the API reads. */
    private static final int MAX_BODY = 64 * 1024;

    private final Channel listener;
    private final EventLoopGroup group;

    private FaultControlServer(Channel listener, EventLoopGroup group) {
        this.listener = listener;
        this.group = group;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: a free one).
     *
     * @param backendFaults the embedded evidence server's faults, or null to leave {@code /backend/http} out
     * @throws IllegalStateException if the port cannot be bound
     */
    public static FaultControlServer start(FaultProxies proxies, HttpFaults backendFaults, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port must be 0..65535, was " + port);
        }
        ControlHandler handler = new ControlHandler(proxies, backendFaults);
        EventLoopGroup group = proxies.transport().newGroup(1);
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(proxies.transport().serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                                    .addLast(ControlHandler.NAME, handler);
                        }
                    })
                    .bind("127.0.0.1", port)
                    .syncUninterruptibly()
                    .channel();
            return new FaultControlServer(ch, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the fault control API to 127.0.0.1:" + port, e);
        }
    }

    /**
     * The API's handler alone, to serve it on a server of the caller's (the control API of
     * {@code bodycam run --control-port}); it expects whole requests ({@code FullHttpRequest}) and may
     * block, so it must not run on a loop that carries traffic.
     *
     * @param backendFaults the embedded evidence server's faults, or null to leave {@code /backend/http} out
     */
    public static ChannelHandler handler(FaultProxies proxies, HttpFaults backendFaults) {
        return new ControlHandler(proxies, backendFaults);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
