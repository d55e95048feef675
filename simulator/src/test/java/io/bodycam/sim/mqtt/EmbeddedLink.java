package io.bodycam.sim.mqtt;

import io.bodycam.sim.mqtt.internal.ChannelConnector;
import io.bodycam.sim.time.ManualClock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector that gives each attempt an {@link EmbeddedChannel} with its time frozen (so keep-alive moves
 * only with {@code advanceTimeBy}): the test plays the broker byte by byte.
 */
final class EmbeddedLink implements ChannelConnector {

    private final ManualClock clock;
    final List<Long> attemptTimes = new ArrayList<>();
    final List<EmbeddedChannel> channels = new ArrayList<>();
    int refuseNext;

    EmbeddedLink(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public ChannelFuture connect(ChannelInitializer<Channel> pipeline) {
        attemptTimes.add(clock.now());
        if (refuseNext > 0) {
            refuseNext--;
            EmbeddedChannel refused = new EmbeddedChannel();
            refused.close();
            return refused.newFailedFuture(new ConnectException("Connection refused"));
        }
        EmbeddedChannel ch = new EmbeddedChannel(pipeline);
        ch.freezeTime();
        channels.add(ch);
        return ch.newSucceededFuture();
    }

    EmbeddedChannel last() {
        return channels.get(channels.size() - 1);
    }
}
