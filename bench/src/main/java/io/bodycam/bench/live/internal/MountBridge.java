package io.bodycam.bench.live.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a mounted HTTP handler (the fault control API) on a thread of its own, where it may block,
 * behind an in-process Netty {@link LocalChannel}: a {@link MountGate} hands it whole requests, and
 * whatever it writes back goes out on the dashboard's HTTP connection (closed after a response that
 * does not keep the connection alive).
 */
public final class MountBridge implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;

    /** @param handler makes the mounted handler, one per HTTP connection (or returns the same sharable one) */
    public MountBridge(Supplier<? extends ChannelHandler> handler) {
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("mounted", handler.get());
                        }
                    })
                    .bind(LocalAddress.ANY)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** A local connection to the mounted handler whose responses are written to {@code http}. */
    ChannelFuture connect(Channel http) {
        return new Bootstrap()
                .group(group)
                .channel(LocalChannel.class)
                .handler(new Relay(http))
                .connect(server.localAddress());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Writes what the mounted handler answers to the HTTP connection. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel http;
        private boolean closeAfter;

        Relay(Channel http) {
            this.http = http;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!http.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse r) {
                closeAfter = !HttpUtil.isKeepAlive(r);
            }
            ChannelFuture written = http.writeAndFlush(msg);
            if (closeAfter && msg instanceof LastHttpContent) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
