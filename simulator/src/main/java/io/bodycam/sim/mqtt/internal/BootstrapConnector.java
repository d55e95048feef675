package io.bodycam.sim.mqtt.internal;

import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/** Connects over TCP, registering the channel on the camera's own event loop (no thread per device). */
public final class BootstrapConnector implements ChannelConnector {

    private final Bootstrap bootstrap;
    private final InetSocketAddress address;

    public BootstrapConnector(EventLoop loop, Transport transport, String host, int port) {
        this.bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true);
        this.address = new InetSocketAddress(host, port);
    }

    @Override
    public ChannelFuture connect(ChannelInitializer<Channel> pipeline) {
        return bootstrap.clone().handler(pipeline).connect(address);
    }
}
