package io.bodycam.sim.testing;

import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay between a client under test and a server: counts every byte the server was sent
 * (what an upload really cost on the wire, resends and headers included) and, when armed, cuts the
 * connection in the middle of a request, after a given number of further bytes, as a network that
 * breaks would. One event loop thread; both ends of each connection live on it.
 */
public final class TcpTap implements AutoCloseable {

    private final EventLoopGroup group = Transport.best().newGroup(1);
    private final int targetPort;
    private final Channel server;
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong downstream = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    /** Bytes still to pass before the cut; -1 when not armed. */
    private final AtomicLong cutAfter = new AtomicLong(-1);

    private TcpTap(int targetPort) throws InterruptedException {
        this.targetPort = targetPort;
        this.server = new ServerBootstrap().group(group).channel(Transport.best().serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        connections.incrementAndGet();
                        client.pipeline().addLast(new Upstream());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** A tap on a free loopback port relaying to {@code 127.0.0.1:targetPort}. */
    public static TcpTap to(int targetPort) throws InterruptedException {
        return new TcpTap(targetPort);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Every byte relayed towards the server so far. */
    public long upstreamBytes() {
        return upstream.get();
    }

    /** Every byte relayed back to the client so far. */
    public long downstreamBytes() {
        return downstream.get();
    }

    public int connections() {
        return connections.get();
    }

    /** Connections cut so far. */
    public int cuts() {
        return cuts.get();
    }

    /** The connection that carries the {@code bytes}-th byte from now towards the server is closed right after it. */
    public void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Client side: opens the server side, then relays what the client sends, cutting where armed. */
    private final class Upstream extends ChannelInboundHandlerAdapter {
        private Channel target;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            new Bootstrap().group(client.eventLoop()).channel(Transport.best().socketChannel())
                    .handler(new Downstream(client))
                    .connect("127.0.0.1", targetPort).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            target = f.channel();
                            client.read();
                        } else {
                            client.close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            long left = cutAfter.get();
            if (left >= 0 && left < bytes.readableBytes() && cutAfter.compareAndSet(left, -1)) {
                ByteBuf head = bytes.readRetainedSlice((int) left);
                bytes.release();
                upstream.addAndGet(left);
                cuts.incrementAndGet();
                target.writeAndFlush(head).addListener(f -> {
                    target.close();
                    ctx.close();
                });
                return;
            }
            if (left >= 0) {
                cutAfter.compareAndSet(left, left - bytes.readableBytes());
            }
            upstream.addAndGet(bytes.readableBytes());
            target.writeAndFlush(bytes).addListener(f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (target != null) {
                target.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Server side: relays the server's answers back to the client. */
    private final class Downstream extends ChannelInboundHandlerAdapter {
        private final Channel client;

        Downstream(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            downstream.addAndGet(((ByteBuf) msg).readableBytes());
            client.writeAndFlush(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
