package io.bodycam.sim.mqtt.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;

/**
 * Opens one network connection to the broker with the given pipeline. The channel's close future marks
 * the end of the attempt, whether it failed to connect or was connected and lost. Tests put an
 * {@code EmbeddedChannel} behind it.
 */
@FunctionalInterface
public interface ChannelConnector {

    ChannelFuture connect(ChannelInitializer<Channel> pipeline);
}
